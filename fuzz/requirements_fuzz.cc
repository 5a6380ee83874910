// requirements.txt (python/requirements_txt.h) with its PEP 508 lines and
// markers (python/marker.h). Includes (-r, -c) are resolved in an empty
// directory, so they name nothing readable; the marker of each requirement
// is also evaluated.
#include <unistd.h>

#include <filesystem>

#include "fuzz_input.h"
#include "python/marker.h"
#include "python/requirements_txt.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace ballast;
  static const std::filesystem::path root = [] {
    auto p = std::filesystem::temp_directory_path() / ("ballast-req-fuzz-" + std::to_string(getpid()));
    std::filesystem::create_directories(p);
    return p;
  }();
  const auto text = fuzz::as_text(data, size);
  fuzz::expect_clean([&] {
    python::Declarations out;
    python::RequirementsReader(root).read_text(root / "requirements.txt", text, false, out);
  });
  fuzz::expect_clean([&] {
    python::check_marker(text);
    python::evaluate_marker(text, python::MarkerEnvironment{});
  });
  return 0;
}
