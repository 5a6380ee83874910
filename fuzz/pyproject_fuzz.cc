// pyproject.toml ([project], [tool.poetry], dependency groups) and setup.cfg
// (python/pyproject.h, setup_cfg.h): the same text is offered to both.
#include "fuzz_input.h"
#include "python/pyproject.h"
#include "python/setup_cfg.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace ballast;
  const auto text = fuzz::as_text(data, size);
  fuzz::expect_clean([&] {
    python::Declarations out;
    python::read_pyproject(text, "pyproject.toml", out);
  });
  fuzz::expect_clean([&] {
    python::Declarations out;
    python::read_setup_cfg(text, "setup.cfg", out);
  });
  return 0;
}
