// The Python tokenizer (python/py_tokenizer.h) and the import scan built on
// it (python/import_scan.h), on arbitrary source text.
#include "fuzz_input.h"
#include "python/import_scan.h"
#include "python/py_tokenizer.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace ballast;
  const auto text = fuzz::as_text(data, size);
  fuzz::expect_clean([&] { python::tokenize_python(text); });
  fuzz::expect_clean([&] { python::scan_imports(text); });
  return 0;
}
