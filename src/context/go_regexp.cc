#include "context/go_regexp.h"

#include <algorithm>
#include <cstddef>
#include <memory>

#include "util/go_text.h"
#include "util/utf8.h"

namespace ballast::context {

namespace {

using Ranges = std::vector<std::pair<char32_t, char32_t>>;
constexpr char32_t kMaxRune = 0x10FFFF;

bool is_ascii_alnum(char32_t c) {
  return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}
bool is_word(char32_t c) { return is_ascii_alnum(c) || c == '_'; }
bool is_octal(char32_t c) { return c >= '0' && c <= '7'; }
int hex_value(char32_t c) {
  if (c >= '0' && c <= '9') return static_cast<int>(c - '0');
  if (c >= 'a' && c <= 'f') return static_cast<int>(c - 'a' + 10);
  if (c >= 'A' && c <= 'F') return static_cast<int>(c - 'A' + 10);
  return -1;
}

void add_ranges(Ranges& out, const Ranges& in, bool negate) {
  if (!negate) {
    out.insert(out.end(), in.begin(), in.end());
    return;
  }
  Ranges sorted = in;
  std::sort(sorted.begin(), sorted.end());
  char32_t next = 0;
  for (auto [lo, hi] : sorted) {
    if (lo > next) out.emplace_back(next, lo - 1);
    if (hi + 1 > next) next = hi + 1;
  }
  if (next <= kMaxRune) out.emplace_back(next, kMaxRune);
}

// RE2's Perl classes (\d \s \w) and POSIX classes ([:alpha:]...), ASCII only.
const Ranges* perl_class(char32_t c) {
  static const Ranges kDigit = {{'0', '9'}};
  static const Ranges kSpace = {{'\t', '\n'}, {'\f', '\r'}, {' ', ' '}};
  static const Ranges kWord = {{'0', '9'}, {'A', 'Z'}, {'_', '_'}, {'a', 'z'}};
  switch (c) {
    case 'd': case 'D': return &kDigit;
    case 's': case 'S': return &kSpace;
    case 'w': case 'W': return &kWord;
    default: return nullptr;
  }
}

const Ranges* posix_class(std::u32string_view name) {
  struct Entry { std::u32string_view name; Ranges ranges; };
  static const std::vector<Entry> kTable = {
      {U"alnum", {{'0', '9'}, {'A', 'Z'}, {'a', 'z'}}},
      {U"alpha", {{'A', 'Z'}, {'a', 'z'}}},
      {U"ascii", {{0, 0x7F}}},
      {U"blank", {{'\t', '\t'}, {' ', ' '}}},
      {U"cntrl", {{0, 0x1F}, {0x7F, 0x7F}}},
      {U"digit", {{'0', '9'}}},
      {U"graph", {{'!', '~'}}},
      {U"lower", {{'a', 'z'}}},
      {U"print", {{' ', '~'}}},
      {U"punct", {{'!', '/'}, {':', '@'}, {'[', '`'}, {'{', '~'}}},
      {U"space", {{'\t', '\r'}, {' ', ' '}}},
      {U"upper", {{'A', 'Z'}}},
      {U"word", {{'0', '9'}, {'A', 'Z'}, {'_', '_'}, {'a', 'z'}}},
      {U"xdigit", {{'0', '9'}, {'A', 'F'}, {'a', 'f'}}},
  };
  for (const auto& e : kTable)
    if (e.name == name) return &e.ranges;
  return nullptr;
}

struct Node {
  enum Kind { kRune, kAny, kClass, kGroup, kBegin, kEnd, kWordB, kNotWordB } kind = kRune;
  enum Rep { kOne, kStar, kPlus, kQuest } rep = kOne;
  bool nongreedy = false;
  char32_t rune = 0;
  int cls = 0;
  std::vector<Node> children;
};

}  // namespace

bool GoRegexp::CharClass::contains(char32_t r) const {
  bool in = false;
  for (auto [lo, hi] : ranges) {
    if (r >= lo && r <= hi) {
      in = true;
      break;
    }
  }
  return in != negated;
}

struct GoRegexp::Parser {
  const std::u32string& re;
  std::vector<CharClass>& classes;
  std::size_t i = 0;
  std::string error;

  bool fail(std::string message) {
    if (error.empty()) error = std::move(message);
    return false;
  }

  // Go's parseEscape for a single character; `i` is just past the backslash.
  bool escape_char(char32_t* out) {
    if (i >= re.size()) return fail("trailing backslash at end of expression");
    char32_t c = re[i++];
    if (c < 0x80 && !is_ascii_alnum(c)) {
      *out = c;
      return true;
    }
    switch (c) {
      case '1': case '2': case '3': case '4': case '5': case '6': case '7':
        // A single non-zero digit would be a backreference: not in RE2.
        if (i >= re.size() || !is_octal(re[i])) return fail("invalid escape sequence");
        [[fallthrough]];
      case '0': {
        char32_t v = c - '0';
        for (int k = 1; k < 3 && i < re.size() && is_octal(re[i]); ++k) v = v * 8 + (re[i++] - '0');
        *out = v;
        return true;
      }
      case 'x': {
        if (i >= re.size()) return fail("invalid escape sequence");
        if (re[i] == '{') {
          ++i;
          char32_t v = 0;
          int digits = 0;
          while (i < re.size() && re[i] != '}') {
            int h = hex_value(re[i++]);
            if (h < 0 || v > kMaxRune) return fail("invalid escape sequence");
            v = v * 16 + static_cast<char32_t>(h);
            ++digits;
          }
          if (i >= re.size() || digits == 0 || v > kMaxRune) return fail("invalid escape sequence");
          ++i;
          *out = v;
          return true;
        }
        int h1 = i < re.size() ? hex_value(re[i]) : -1;
        int h2 = i + 1 < re.size() ? hex_value(re[i + 1]) : -1;
        if (h1 < 0 || h2 < 0) return fail("invalid escape sequence");
        i += 2;
        *out = static_cast<char32_t>(h1 * 16 + h2);
        return true;
      }
      case 'a': *out = 7; return true;
      case 'f': *out = '\f'; return true;
      case 'n': *out = '\n'; return true;
      case 'r': *out = '\r'; return true;
      case 't': *out = '\t'; return true;
      case 'v': *out = '\v'; return true;
      default: return fail("invalid escape sequence");
    }
  }

  bool unicode_class_ahead() const {
    return i + 1 < re.size() && re[i] == '\\' && (re[i + 1] == 'p' || re[i + 1] == 'P');
  }

  bool parse_class(Node* node) {
    // `i` is just past '['.
    CharClass cls;
    if (i < re.size() && re[i] == '^') {
      cls.negated = true;  // Perl flags include ClassNL: a negated class matches '\n'
      ++i;
    }
    bool first = true;
    while (i >= re.size() || re[i] != ']' || first) {
      if (i >= re.size()) return fail("missing closing ]");
      first = false;
      if (i + 2 < re.size() && re[i] == '[' && re[i + 1] == ':') {
        std::u32string_view rest(re.data() + i + 2, re.size() - i - 2);
        std::size_t end = rest.find(U":]");
        if (end != std::u32string_view::npos) {
          std::u32string_view name = rest.substr(0, end);
          bool negate = !name.empty() && name.front() == '^';
          if (negate) name.remove_prefix(1);
          const Ranges* ranges = posix_class(name);
          if (!ranges) return fail("invalid character class range");
          add_ranges(cls.ranges, *ranges, negate);
          i += 2 + end + 2;
          continue;
        }
      }
      if (unicode_class_ahead()) return fail("Unicode classes (\\p) are not supported by ballast");
      if (i + 1 < re.size() && re[i] == '\\') {
        if (const Ranges* ranges = perl_class(re[i + 1])) {
          add_ranges(cls.ranges, *ranges, re[i + 1] < 'a');
          i += 2;
          continue;
        }
      }
      char32_t lo;
      if (!class_char(&lo)) return false;
      char32_t hi = lo;
      if (i + 1 < re.size() && re[i] == '-' && re[i + 1] != ']') {
        ++i;
        if (!class_char(&hi)) return false;
        if (hi < lo) return fail("invalid character class range");
      }
      cls.ranges.emplace_back(lo, hi);
    }
    ++i;  // ']'
    node->kind = Node::kClass;
    node->cls = static_cast<int>(classes.size());
    classes.push_back(std::move(cls));
    return true;
  }

  bool class_char(char32_t* out) {
    if (i >= re.size()) return fail("missing closing ]");
    if (re[i] == '\\') {
      ++i;
      return escape_char(out);
    }
    *out = re[i++];
    return true;
  }

  bool parse_seq(std::vector<Node>* seq, int depth) {
    while (i < re.size()) {
      char32_t c = re[i];
      if (c == ')') {
        if (depth == 0) return fail("unexpected )");
        return true;
      }
      if (c == '*' || c == '+' || c == '?') {
        if (seq->empty()) return fail("missing argument to repetition operator");
        Node& last = seq->back();
        if (last.rep != Node::kOne) {
          if (c == '?' && !last.nongreedy) {
            last.nongreedy = true;  // lazy: same set of matches
            ++i;
            continue;
          }
          return fail("invalid nested repetition operator");
        }
        last.rep = c == '*' ? Node::kStar : c == '+' ? Node::kPlus : Node::kQuest;
        ++i;
        continue;
      }
      Node node;
      ++i;
      switch (c) {
        case '(':
          if (i < re.size() && re[i] == '?') return fail("(?flags) groups are not supported by ballast");
          node.kind = Node::kGroup;
          if (!parse_seq(&node.children, depth + 1)) return false;
          if (i >= re.size()) return fail("missing closing )");
          ++i;
          break;
        case '|':
          return fail("alternation is not supported by ballast");
        case '[':
          if (!parse_class(&node)) return false;
          break;
        case '.': node.kind = Node::kAny; break;
        case '^': node.kind = Node::kBegin; break;
        case '$': node.kind = Node::kEnd; break;
        case '\\': {
          if (i >= re.size()) return fail("trailing backslash at end of expression");
          char32_t e = re[i];
          if (e == 'A') { node.kind = Node::kBegin; ++i; break; }
          if (e == 'z') { node.kind = Node::kEnd; ++i; break; }
          if (e == 'b') { node.kind = Node::kWordB; ++i; break; }
          if (e == 'B') { node.kind = Node::kNotWordB; ++i; break; }
          if (e == 'p' || e == 'P') return fail("Unicode classes (\\p) are not supported by ballast");
          if (e == 'Q') {
            // \Q...\E: everything up to \E (or the end) is literal.
            ++i;
            while (i < re.size() && !(re[i] == '\\' && i + 1 < re.size() && re[i + 1] == 'E')) {
              Node lit;
              lit.rune = re[i++];
              seq->push_back(std::move(lit));
            }
            if (i < re.size()) i += 2;
            continue;
          }
          if (const Ranges* ranges = perl_class(e)) {
            CharClass cls;
            add_ranges(cls.ranges, *ranges, e < 'a');
            node.kind = Node::kClass;
            node.cls = static_cast<int>(classes.size());
            classes.push_back(std::move(cls));
            ++i;
            break;
          }
          if (!escape_char(&node.rune)) return false;
          break;
        }
        default:
          node.rune = c;
          break;
      }
      seq->push_back(std::move(node));
    }
    if (depth > 0) return fail("missing closing )");
    return true;
  }
};

bool GoRegexp::compile(const std::u32string& pattern, std::string* error) {
  prog_.clear();
  classes_.clear();
  Parser parser{pattern, classes_, 0, {}};
  std::vector<Node> seq;
  if (!parser.parse_seq(&seq, 0)) {
    *error = parser.error;
    return false;
  }
  // Thompson construction.
  auto emit = [this](auto&& self, const std::vector<Node>& nodes) -> void {
    for (const Node& n : nodes) {
      auto atom = [&] {
        Inst inst{};
        switch (n.kind) {
          case Node::kRune: inst.op = Op::kRune; inst.rune = n.rune; break;
          case Node::kAny: inst.op = Op::kAnyNotNL; break;
          case Node::kClass: inst.op = Op::kClass; inst.x = n.cls; break;
          case Node::kBegin: inst.op = Op::kBegin; break;
          case Node::kEnd: inst.op = Op::kEnd; break;
          case Node::kWordB: inst.op = Op::kWordB; break;
          case Node::kNotWordB: inst.op = Op::kNotWordB; break;
          case Node::kGroup: self(self, n.children); return;
        }
        prog_.push_back(inst);
      };
      const int split_at = static_cast<int>(prog_.size());
      switch (n.rep) {
        case Node::kOne:
          atom();
          break;
        case Node::kStar: {
          prog_.push_back({Op::kSplit});
          atom();
          prog_.push_back({Op::kJmp, 0, split_at});
          prog_[split_at].x = split_at + 1;
          prog_[split_at].y = static_cast<int>(prog_.size());
          break;
        }
        case Node::kPlus: {
          atom();
          prog_.push_back({Op::kSplit, 0, split_at, static_cast<int>(prog_.size()) + 1});
          break;
        }
        case Node::kQuest: {
          prog_.push_back({Op::kSplit});
          atom();
          prog_[split_at].x = split_at + 1;
          prog_[split_at].y = static_cast<int>(prog_.size());
          break;
        }
      }
    }
  };
  emit(emit, seq);
  prog_.push_back({Op::kMatch});
  start_ = 0;
  // There is no alternation: a program that begins with `^` can only match
  // from position 0, so the search stops when those threads die.
  anchored_ = prog_[0].op == Op::kBegin;
  return true;
}

bool GoRegexp::search(std::string_view text) const {
  thread_local std::vector<char32_t> runes;
  thread_local std::vector<int> clist, nlist, stack;
  thread_local std::vector<std::uint32_t> mark;
  thread_local std::uint32_t generation = 0;

  runes.clear();
  for (std::size_t p = 0; p < text.size();) {
    const utf8::Rune r = utf8::decode(text, p);
    runes.push_back(r.value);
    p += r.width;
  }
  const std::size_t n = runes.size();
  if (mark.size() < prog_.size()) mark.assign(prog_.size(), 0);

  auto is_word_at = [&](std::size_t pos) { return pos < n && is_word(runes[pos]); };
  // Adds the epsilon closure of `pc` at text position `pos`; true when it
  // reaches a match.
  auto add = [&](std::vector<int>& list, int pc, std::size_t pos) {
    stack.clear();
    stack.push_back(pc);
    while (!stack.empty()) {
      int at = stack.back();
      stack.pop_back();
      if (mark[at] == generation) continue;
      mark[at] = generation;
      const Inst& inst = prog_[at];
      switch (inst.op) {
        case Op::kMatch: return true;
        case Op::kJmp: stack.push_back(inst.x); break;
        case Op::kSplit: stack.push_back(inst.y); stack.push_back(inst.x); break;
        case Op::kBegin: if (pos == 0) stack.push_back(at + 1); break;
        case Op::kEnd: if (pos == n) stack.push_back(at + 1); break;
        case Op::kWordB:
        case Op::kNotWordB: {
          bool before = pos > 0 && is_word(runes[pos - 1]);
          bool boundary = before != is_word_at(pos);
          if (boundary == (inst.op == Op::kWordB)) stack.push_back(at + 1);
          break;
        }
        default: list.push_back(at); break;
      }
    }
    return false;
  };

  clist.clear();
  ++generation;
  for (std::size_t pos = 0;; ++pos) {
    // Unanchored search: a new thread may start at every position.
    if ((pos == 0 || !anchored_) && add(clist, start_, pos)) return true;
    if (pos == n || (anchored_ && clist.empty())) return false;
    const char32_t r = runes[pos];
    nlist.clear();
    ++generation;
    for (int pc : clist) {
      const Inst& inst = prog_[pc];
      bool ok = false;
      switch (inst.op) {
        case Op::kRune: ok = inst.rune == r; break;
        case Op::kAnyNotNL: ok = r != '\n'; break;
        case Op::kClass: ok = classes_[inst.x].contains(r); break;
        default: break;
      }
      if (ok && add(nlist, pc + 1, pos + 1)) return true;
    }
    std::swap(clist, nlist);
  }
}

}  // namespace ballast::context
