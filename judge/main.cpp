#include <iostream>

#include "judge/cli.hpp"
#include "sandbox/leftovers.hpp"

int main(int argc, char** argv) {
  // Ctrl-C, SIGTERM and SIGHUP end pyjudge without leaving cgroups or box folders behind.
  pyjudge::sandbox::leftovers::handle_interrupts();
  return pyjudge::judge::run_cli(argc, argv, std::cout, std::cerr);
}
