// What one Python file imports, read from its tokens (py_tokenizer.h), with
// the context that decides whether a missing package matters: inside a
// `try:` guarded by `except ImportError` (optional), under
// `if TYPE_CHECKING:` (type-only, never executed), inside a function, or
// dynamic (`importlib.import_module("x")`, `__import__("x")` with a literal).
// Also notes where the code asks for a GPU (`.cuda`, "cuda" devices).
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace ballast::python {

enum class ImportKind { kImport, kFrom, kDynamic };

struct ImportUse {
  std::string module;              // absolute dotted name; for relative imports what follows the dots
  std::vector<std::string> names;  // `from m import a, b`: a, b
  int level = 0;                   // leading dots of a relative import (first-party)
  ImportKind kind = ImportKind::kImport;
  int line = 0;
  bool optional = false;   // guarded by try/except ImportError (or a bare/broad except)
  bool type_only = false;  // under `if TYPE_CHECKING:`
  bool in_function = false;
};

struct SourceIssue {
  int line = 0;
  std::string message;
};

struct FileImports {
  std::vector<ImportUse> imports;
  std::vector<int> gpu_lines;  // lines asking for a GPU (first few)
  std::vector<SourceIssue> issues;
};

FileImports scan_imports(std::string_view source);

// "a.b.c" -> "a".
std::string top_level(std::string_view dotted);

}  // namespace ballast::python
