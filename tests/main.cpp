#define DOCTEST_CONFIG_IMPLEMENT
#include <doctest/doctest.h>
#include <signal.h>

#include <cstdlib>
#include <filesystem>
#include <string>

int main(int argc, char** argv) {
  signal(SIGPIPE, SIG_IGN);
  // Submissions made by tests go to a practice history of their own, never the user's.
  std::string tmpl = (std::filesystem::temp_directory_path() / "pyjudge-data-XXXXXX").string();
  const char* data = mkdtemp(tmpl.data());
  if (data != nullptr) {
    setenv("XDG_DATA_HOME", data, 1);
  }
  doctest::Context context(argc, argv);
  int status = context.run();
  if (data != nullptr) {
    std::error_code ec;
    std::filesystem::remove_all(data, ec);
  }
  return status;
}
