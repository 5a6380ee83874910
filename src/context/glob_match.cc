#include "context/glob_match.h"

#include <algorithm>
#include <iterator>

#include "util/go_text.h"
#include "util/utf8.h"

namespace ballast::context {

namespace {

// Width of the rune at path[pos] as Go's decoder reads it (invalid byte: 1).
std::size_t rune_width(std::string_view path, std::size_t pos) {
  if (static_cast<unsigned char>(path[pos]) < 0x80) return 1;
  return utf8::decode(path, pos).width;
}

}  // namespace

void GlobMatch::literal(char ascii) {
  if (tokens_.empty() || tokens_.back().op != Op::kLiteral)
    tokens_.push_back({Op::kLiteral, static_cast<std::uint32_t>(text_.size()), 0});
  text_ += ascii;
  tokens_.back().len++;
}

void GlobMatch::star() {
  needs_memo_ = needs_memo_ || repeating_;
  repeating_ = true;
  tokens_.push_back({Op::kStar});
}

void GlobMatch::question() { tokens_.push_back({Op::kQuestion}); }

void GlobMatch::dirs() {
  needs_memo_ = needs_memo_ || repeating_;
  repeating_ = true;
  tokens_.push_back({Op::kDirs});
}

void GlobMatch::rest() { tokens_.push_back({Op::kRest}); }

void GlobMatch::ascii_class(const std::array<bool, 128>& ascii, bool negated) {
  tokens_.push_back({Op::kClass, static_cast<std::uint32_t>(classes_.size()), 0});
  classes_.push_back({ascii, negated});
}

bool GlobMatch::match(std::string_view path) const {
  if (!needs_memo_) return match_from(path, 0, 0, nullptr);
  // One bit per (token, position) that is known not to lead to a match.
  const std::size_t words = (tokens_.size() * (path.size() + 1) + 63) / 64;
  std::uint64_t small[32];  // 2,048 bits: a dozen tokens over a 170-byte path
  std::vector<std::uint64_t> large;
  std::uint64_t* failed = small;
  if (words <= std::size(small)) std::fill_n(small, words, 0);
  else failed = (large.assign(words, 0), large.data());
  return match_from(path, 0, 0, failed);
}

bool GlobMatch::match_from(std::string_view path, std::size_t t, std::size_t pos,
                           std::uint64_t* failed) const {
  for (;;) {
    if (t == tokens_.size()) return pos == path.size();
    const Token& tok = tokens_[t];
    switch (tok.op) {
      case Op::kLiteral:
        if (path.size() - pos < tok.len || path.compare(pos, tok.len, text_, tok.begin, tok.len) != 0) return false;
        pos += tok.len;
        ++t;
        continue;
      case Op::kQuestion:
        if (pos == path.size() || path[pos] == '/') return false;
        pos += rune_width(path, pos);
        ++t;
        continue;
      case Op::kClass: {
        if (pos == path.size()) return false;
        const Class& c = classes_[tok.begin];
        const auto byte = static_cast<unsigned char>(path[pos]);
        // Only ASCII bytes are listed: any other rune is outside the class.
        if ((byte < 0x80 && c.ascii[byte]) == c.negated) return false;
        pos += rune_width(path, pos);
        ++t;
        continue;
      }
      case Op::kRest:  // `.` is any rune but '\n'
        return path.find('\n', pos) == std::string_view::npos;
      case Op::kStar:
      case Op::kDirs:
        break;
    }
    // A repeating token: try every way it can end, shortest first.
    const std::size_t bit = t * (path.size() + 1) + pos;
    if (failed != nullptr && (failed[bit / 64] >> (bit % 64) & 1)) return false;
    bool ok = false;
    if (tok.op == Op::kStar) {
      for (std::size_t p = pos;; p += rune_width(path, p)) {
        if (match_from(path, t + 1, p, failed)) {
          ok = true;
          break;
        }
        if (p == path.size() || path[p] == '/') break;
      }
    } else {  // (.*/)? : nothing, or up to and including a later '/', no '\n' on the way
      ok = match_from(path, t + 1, pos, failed);
      for (std::size_t p = pos; !ok && p < path.size() && path[p] != '\n'; ++p)
        if (path[p] == '/') ok = match_from(path, t + 1, p + 1, failed);
    }
    if (!ok && failed != nullptr) failed[bit / 64] |= std::uint64_t{1} << (bit % 64);
    return ok;
  }
}

}  // namespace ballast::context
