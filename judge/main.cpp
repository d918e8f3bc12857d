#include <iostream>

#include "judge/cli.hpp"
#include "sandbox/leftovers.hpp"

int main(int argc, char** argv) {
  // Ctrl-C, SIGTERM and SIGHUP end pyjudge without leaving cgroups or box folders behind.
  pyjudge::sandbox::leftovers::handle_interrupts();
  int status = pyjudge::judge::run_cli(argc, argv, std::cout, std::cerr);
  std::cout.flush();
  std::cerr.flush();
  pyjudge::sandbox::leftovers::die_if_stopped();  // batch stopped by Ctrl-C: as the shell expects
  return status;
}
