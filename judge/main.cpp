#include <iostream>

#include "judge/cli.hpp"

int main(int argc, char** argv) {
  return pyjudge::judge::run_cli(argc, argv, std::cout, std::cerr);
}
