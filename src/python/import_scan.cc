#include "python/import_scan.h"

#include <algorithm>
#include <cctype>

#include "python/py_tokenizer.h"

namespace ballast::python {

namespace {

enum class BlockKind { kTry, kExcept, kTypeChecking, kFunction, kOther };

struct Block {
  int indent;
  BlockKind kind;
  int try_id;  // kTry / kExcept: the try statement it belongs to
};

bool is_name(const Token& t, std::string_view text) { return t.kind == TokenKind::kName && t.text == text; }
bool is_op(const Token& t, std::string_view text) { return t.kind == TokenKind::kOp && t.text == text; }

bool is_gpu_string(std::string_view value) {
  std::string v;
  for (char c : value) v += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return v == "cuda" || v.rfind("cuda:", 0) == 0 || v == "gpu" || v.rfind("/gpu:", 0) == 0 ||
         v.rfind("/device:gpu", 0) == 0 || v == "nccl";
}

class Scanner {
 public:
  FileImports run(std::string_view source) {
    TokenizedSource tokens = tokenize_python(source);
    for (const auto& e : tokens.errors) out_.issues.push_back({e.line, e.message});
    for (const LogicalLine& line : tokens.lines) logical_line(line);
    // A try statement makes its imports optional when one of its handlers
    // catches ImportError (ModuleNotFoundError is a subclass), or catches
    // everything.
    for (size_t k = 0; k < out_.imports.size(); ++k) {
      for (int id : try_ids_[k]) {
        if (id >= 0 && static_cast<size_t>(id) < guarded_.size() && guarded_[id]) out_.imports[k].optional = true;
      }
    }
    return std::move(out_);
  }

 private:
  using Span = std::pair<size_t, size_t>;  // [begin, end) indexes into the line's tokens

  void logical_line(const LogicalLine& line) {
    const auto& t = line.tokens;
    // Leaving blocks: every block whose header is indented at least as much
    // as this line has ended. Remember the last one at this very indent so an
    // `except` can find its `try`.
    const Block* sibling = nullptr;
    Block last{};
    while (!stack_.empty() && stack_.back().indent >= line.indent) {
      if (stack_.back().indent == line.indent) {
        last = stack_.back();
        sibling = &last;
      }
      stack_.pop_back();
    }
    scan_gpu(t);

    static constexpr std::string_view kCompound[] = {"if", "elif", "else", "for", "while", "try", "except",
                                                     "finally", "with", "def", "class", "async"};
    bool compound = t[0].kind == TokenKind::kName &&
                    std::find(std::begin(kCompound), std::end(kCompound), t[0].text) != std::end(kCompound);
    size_t body = 0;
    if (compound) {
      size_t colon = top_level_colon(t);
      if (colon == t.size()) {
        // `async` used as a name, or a broken header: treat as a simple line.
        compound = false;
      } else {
        Block block{line.indent, BlockKind::kOther, -1};
        std::string_view kw = t[0].text;
        if (kw == "async" && t.size() > 1) kw = t[1].text;
        if (kw == "try") {
          block = {line.indent, BlockKind::kTry, static_cast<int>(guarded_.size())};
          guarded_.push_back(false);
        } else if (kw == "except" || ((kw == "else" || kw == "finally") && sibling &&
                                      (sibling->kind == BlockKind::kTry || sibling->kind == BlockKind::kExcept))) {
          int id = sibling && (sibling->kind == BlockKind::kTry || sibling->kind == BlockKind::kExcept)
                       ? sibling->try_id
                       : -1;
          if (kw == "except" && id >= 0 && catches_import_error(t, colon)) guarded_[id] = true;
          // Only the handler bodies are fallbacks; `else`/`finally` run normally.
          block = {line.indent, kw == "except" ? BlockKind::kExcept : BlockKind::kOther, kw == "except" ? id : -1};
        } else if (kw == "if" && is_type_checking_test(t, colon)) {
          block.kind = BlockKind::kTypeChecking;
        } else if (kw == "def") {
          block.kind = BlockKind::kFunction;
        }
        stack_.push_back(block);
        body = colon + 1;
      }
    }
    // The simple statements of the line (or of a one-line block body).
    size_t start = body;
    int depth = 0;
    for (size_t k = body; k <= t.size(); ++k) {
      if (k < t.size()) {
        if (t[k].kind == TokenKind::kOp && (t[k].text == "(" || t[k].text == "[" || t[k].text == "{")) ++depth;
        if (t[k].kind == TokenKind::kOp && (t[k].text == ")" || t[k].text == "]" || t[k].text == "}") && depth > 0)
          --depth;
      }
      if (k == t.size() || (depth == 0 && is_op(t[k], ";"))) {
        if (k > start) statement(t, start, k);
        start = k + 1;
      }
    }
  }

  static size_t top_level_colon(const std::vector<Token>& t) {
    int depth = 0;
    for (size_t k = 0; k < t.size(); ++k) {
      if (t[k].kind != TokenKind::kOp) continue;
      std::string_view op = t[k].text;
      if (op == "(" || op == "[" || op == "{") ++depth;
      else if ((op == ")" || op == "]" || op == "}") && depth > 0) --depth;
      else if (op == ":" && depth == 0) return k;
    }
    return t.size();
  }

  static bool catches_import_error(const std::vector<Token>& t, size_t colon) {
    size_t k = 1;
    if (k < colon && is_op(t[k], "*")) ++k;  // except* (3.11)
    if (k >= colon) return true;             // bare `except:`
    for (; k < colon; ++k) {
      if (is_name(t[k], "as")) break;
      if (is_name(t[k], "ImportError") || is_name(t[k], "ModuleNotFoundError") || is_name(t[k], "Exception") ||
          is_name(t[k], "BaseException"))
        return true;
    }
    return false;
  }

  // `if TYPE_CHECKING:` / `if typing.TYPE_CHECKING:` (any alias of typing).
  static bool is_type_checking_test(const std::vector<Token>& t, size_t colon) {
    if (colon == 2) return is_name(t[1], "TYPE_CHECKING");
    return colon == 4 && t[1].kind == TokenKind::kName && is_op(t[2], ".") && is_name(t[3], "TYPE_CHECKING");
  }

  ImportUse base_use(int line) const {
    ImportUse use;
    use.line = line;
    for (const Block& b : stack_) {
      if (b.kind == BlockKind::kTypeChecking) use.type_only = true;
      if (b.kind == BlockKind::kFunction) use.in_function = true;
    }
    return use;
  }

  void record(ImportUse use) {
    std::vector<int> ids;
    for (const Block& b : stack_) {
      if (b.kind == BlockKind::kTry || b.kind == BlockKind::kExcept) ids.push_back(b.try_id);
    }
    try_ids_.push_back(std::move(ids));
    out_.imports.push_back(std::move(use));
  }

  // dotted_name: NAME ('.' NAME)*; returns the index after it.
  static size_t dotted(const std::vector<Token>& t, size_t k, size_t end, std::string& out) {
    out.clear();
    while (k < end && t[k].kind == TokenKind::kName && t[k].text != "import") {
      out += t[k].text;
      ++k;
      if (k + 1 < end && is_op(t[k], ".") && t[k + 1].kind == TokenKind::kName) {
        out += '.';
        ++k;
        continue;
      }
      break;
    }
    return k;
  }

  void statement(const std::vector<Token>& t, size_t begin, size_t end) {
    if (is_name(t[begin], "import")) {
      import_statement(t, begin, end);
    } else if (is_name(t[begin], "from") && end - begin > 1) {
      from_statement(t, begin, end);
    }
    dynamic_imports(t, begin, end);
  }

  void import_statement(const std::vector<Token>& t, size_t begin, size_t end) {
    size_t k = begin + 1;
    bool any = false;
    while (k < end) {
      std::string name;
      size_t next = dotted(t, k, end, name);
      if (name.empty()) break;
      ImportUse use = base_use(t[begin].line);
      use.module = name;
      record(std::move(use));
      any = true;
      k = next;
      if (k + 1 < end && is_name(t[k], "as")) k += 2;
      if (k < end && is_op(t[k], ",")) {
        ++k;
        continue;
      }
      break;
    }
    if (!any || k != end) out_.issues.push_back({t[begin].line, "invalid syntax in import statement"});
  }

  void from_statement(const std::vector<Token>& t, size_t begin, size_t end) {
    size_t k = begin + 1;
    ImportUse use = base_use(t[begin].line);
    use.kind = ImportKind::kFrom;
    while (k < end && (is_op(t[k], ".") || is_op(t[k], "..."))) {
      use.level += static_cast<int>(t[k].text.size());
      ++k;
    }
    k = dotted(t, k, end, use.module);
    if (k >= end || !is_name(t[k], "import") || (use.module.empty() && use.level == 0)) {
      out_.issues.push_back({t[begin].line, "invalid syntax in from-import statement"});
      return;
    }
    ++k;
    for (; k < end; ++k) {
      if (t[k].kind == TokenKind::kName && t[k].text != "as" && !(k > 0 && is_name(t[k - 1], "as")))
        use.names.emplace_back(t[k].text);
      if (is_op(t[k], "*")) use.names.emplace_back("*");
    }
    if (use.names.empty()) out_.issues.push_back({t[begin].line, "from-import names nothing"});
    record(std::move(use));
  }

  // importlib.import_module("x") / import_module("x") / __import__("x"): only a
  // single constant string argument names a module for sure.
  void dynamic_imports(const std::vector<Token>& t, size_t begin, size_t end) {
    for (size_t k = begin; k + 2 < end; ++k) {
      if (!(is_name(t[k], "import_module") || is_name(t[k], "__import__"))) continue;
      if (!is_op(t[k + 1], "(") || t[k + 2].kind != TokenKind::kString || t[k + 2].fstring) continue;
      if (k + 3 < end && !(is_op(t[k + 3], ")") || is_op(t[k + 3], ","))) continue;
      std::string_view prefix = t[k + 2].text.substr(0, t[k + 2].text.find_first_of("\"'"));
      if (prefix.find_first_of("bB") != std::string_view::npos) continue;
      std::string_view value = t[k + 2].value;
      ImportUse use = base_use(t[k].line);
      use.kind = ImportKind::kDynamic;
      while (!value.empty() && value.front() == '.') {
        ++use.level;
        value.remove_prefix(1);
      }
      bool valid = !value.empty() || use.level > 0;
      for (char c : value) {
        if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '.' ||
              static_cast<unsigned char>(c) >= 0x80))
          valid = false;
      }
      if (!valid) continue;
      use.module = std::string(value);
      record(std::move(use));
    }
  }

  void scan_gpu(const std::vector<Token>& t) {
    if (out_.gpu_lines.size() >= 5) return;
    for (size_t k = 0; k < t.size(); ++k) {
      bool hit = false;
      if (t[k].kind == TokenKind::kName && t[k].text == "cuda") {
        // `.cuda(`, `torch.cuda`, `from torch import cuda`
        hit = (k > 0 && is_op(t[k - 1], ".")) || (k > 0 && is_name(t[k - 1], "import"));
      } else if (t[k].kind == TokenKind::kString && !t[k].fstring) {
        hit = is_gpu_string(t[k].value);
      }
      if (hit) {
        out_.gpu_lines.push_back(t[k].line);
        return;
      }
    }
  }

  std::vector<Block> stack_;
  std::vector<bool> guarded_;
  std::vector<std::vector<int>> try_ids_;
  FileImports out_;
};

}  // namespace

FileImports scan_imports(std::string_view source) { return Scanner().run(source); }

std::string top_level(std::string_view dotted) { return std::string(dotted.substr(0, dotted.find('.'))); }

}  // namespace ballast::python
