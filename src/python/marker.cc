#include "python/marker.h"

#include <cctype>
#include <optional>
#include <string>
#include <vector>

#include "python/version.h"
#include "util/limits.h"
#include "util/quoted_excerpt.h"

namespace ballast::python {

namespace {

// The variables PEP 508 defines (plus the deprecated dotted spellings pip
// still accepts).
constexpr std::string_view kVariables[] = {
    "python_version",   "python_full_version",   "os_name",          "sys_platform",
    "platform_release", "platform_system",       "platform_version", "platform_machine",
    "platform_python_implementation", "implementation_name", "implementation_version",
    "extra",            "os.name",               "sys.platform",     "platform.version",
    "platform.machine", "platform.python_implementation", "python_implementation"};

struct Operand {
  bool is_literal = false;
  std::string text;  // literal value or variable name
};

class MarkerParser {
 public:
  MarkerParser(std::string_view text, const MarkerEnvironment* env) : s_(text), env_(env) {}

  Tri parse() {
    Tri value = parse_or();
    skip_space();
    if (error_.empty() && pos_ != s_.size()) fail("unexpected text " + quoted_excerpt(s_.substr(pos_)));
    return error_.empty() ? value : Tri::kUnknown;
  }
  const std::string& error() const { return error_; }

 private:
  void fail(std::string message) {
    if (error_.empty()) error_ = std::move(message);
  }
  void skip_space() {
    while (pos_ < s_.size() && std::isspace(static_cast<unsigned char>(s_[pos_]))) ++pos_;
  }
  bool keyword(std::string_view word) {
    skip_space();
    if (s_.substr(pos_, word.size()) != word) return false;
    size_t end = pos_ + word.size();
    if (end < s_.size() && (std::isalnum(static_cast<unsigned char>(s_[end])) || s_[end] == '_'))
      return false;
    pos_ = end;
    return true;
  }

  Tri parse_or() {
    Tri value = parse_and();
    while (error_.empty() && keyword("or")) {
      Tri rhs = parse_and();
      if (value == Tri::kTrue || rhs == Tri::kTrue) value = Tri::kTrue;
      else if (value == Tri::kUnknown || rhs == Tri::kUnknown) value = Tri::kUnknown;
      else value = Tri::kFalse;
    }
    return value;
  }
  Tri parse_and() {
    Tri value = parse_atom();
    while (error_.empty() && keyword("and")) {
      Tri rhs = parse_atom();
      if (value == Tri::kFalse || rhs == Tri::kFalse) value = Tri::kFalse;
      else if (value == Tri::kUnknown || rhs == Tri::kUnknown) value = Tri::kUnknown;
      else value = Tri::kTrue;
    }
    return value;
  }
  Tri parse_atom() {
    skip_space();
    if (pos_ < s_.size() && s_[pos_] == '(') {
      // Each '(' recurses; 20,000 of them would overflow the stack.
      if (depth_ >= limits::kMaxMarkerDepth) {
        fail("parentheses nested more than " + std::to_string(limits::kMaxMarkerDepth) +
             " deep (see docs/limits.md)");
        return Tri::kUnknown;
      }
      ++pos_;
      ++depth_;
      Tri value = parse_or();
      --depth_;
      skip_space();
      if (pos_ >= s_.size() || s_[pos_] != ')') {
        fail("missing ')'");
        return Tri::kUnknown;
      }
      ++pos_;
      return value;
    }
    auto lhs = parse_operand();
    if (!lhs) return Tri::kUnknown;
    std::string op = parse_op();
    if (op.empty()) {
      fail("expected a comparison operator after " + quoted_excerpt(lhs->text));
      return Tri::kUnknown;
    }
    auto rhs = parse_operand();
    if (!rhs) return Tri::kUnknown;
    return compare(*lhs, op, *rhs);
  }
  std::optional<Operand> parse_operand() {
    skip_space();
    if (pos_ >= s_.size()) {
      fail("marker ends early");
      return std::nullopt;
    }
    char q = s_[pos_];
    if (q == '"' || q == '\'') {
      size_t end = s_.find(q, pos_ + 1);
      if (end == std::string_view::npos) {
        fail("unterminated string in marker");
        return std::nullopt;
      }
      Operand o{true, std::string(s_.substr(pos_ + 1, end - pos_ - 1))};
      pos_ = end + 1;
      return o;
    }
    for (auto var : kVariables) {
      if (keyword(var)) return Operand{false, std::string(var)};
    }
    size_t end = pos_;
    while (end < s_.size() && (std::isalnum(static_cast<unsigned char>(s_[end])) || s_[end] == '_' ||
                               s_[end] == '.'))
      ++end;
    fail("unknown marker variable " + quoted_excerpt(s_.substr(pos_, std::max<size_t>(end - pos_, 1))));
    return std::nullopt;
  }
  std::string parse_op() {
    skip_space();
    static constexpr std::string_view kOps[] = {"===", "==", "!=", "~=", "<=", ">=", "<", ">"};
    for (auto op : kOps) {
      if (s_.substr(pos_, op.size()) == op) {
        pos_ += op.size();
        return std::string(op);
      }
    }
    if (keyword("in")) return "in";
    size_t save = pos_;
    if (keyword("not") && keyword("in")) return "not in";
    pos_ = save;
    return "";
  }

  std::optional<std::string> value_of(const Operand& o) const {
    if (o.is_literal) return o.text;
    if (!env_) return std::nullopt;
    const std::string& v = o.text;
    if (v == "python_version") return env_->python_version;
    if (v == "sys_platform" || v == "sys.platform") return env_->sys_platform;
    if (v == "os_name" || v == "os.name") return env_->os_name;
    if (v == "platform_system") return env_->platform_system;
    if (v == "implementation_name") return env_->implementation_name;
    if (v == "platform_python_implementation" || v == "platform.python_implementation" ||
        v == "python_implementation")
      return env_->platform_python_implementation;
    // python_full_version is only known to the minor version: compare as
    // unknown rather than guess a patch level.
    return std::nullopt;
  }

  Tri compare(const Operand& lhs, const std::string& op, const Operand& rhs) const {
    auto a = value_of(lhs), b = value_of(rhs);
    if (!a || !b) return Tri::kUnknown;
    auto truth = [](bool x) { return x ? Tri::kTrue : Tri::kFalse; };
    if (op == "in") return truth(b->find(*a) != std::string::npos);
    if (op == "not in") return truth(b->find(*a) == std::string::npos);
    auto va = parse_version(*a);
    if (va && parse_version(*b)) {
      auto ok = satisfies(*va, op + *b);
      if (ok) return truth(*ok);
    }
    if (op == "==" || op == "===") return truth(*a == *b);
    if (op == "!=") return truth(*a != *b);
    return Tri::kUnknown;
  }

  std::string_view s_;
  const MarkerEnvironment* env_;
  size_t pos_ = 0;
  int depth_ = 0;
  std::string error_;
};

}  // namespace

std::string check_marker(std::string_view marker) {
  MarkerParser parser(marker, nullptr);
  parser.parse();
  return parser.error();
}

Tri evaluate_marker(std::string_view marker, const MarkerEnvironment& env) {
  MarkerParser parser(marker, &env);
  return parser.parse();
}

}  // namespace ballast::python
