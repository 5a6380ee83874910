#include "util/bounded_json.h"

#include "util/limits.h"

namespace ballast {
namespace {

// Counts values and tracks depth; stops the parse (returns false) at a bound.
class BoundsSax final : public nlohmann::json_sax<nlohmann::json> {
 public:
  explicit BoundsSax(JsonBounds b) : bounds_(b) {}
  bool null() override { return value(); }
  bool boolean(bool) override { return value(); }
  bool number_integer(number_integer_t) override { return value(); }
  bool number_unsigned(number_unsigned_t) override { return value(); }
  bool number_float(number_float_t, const string_t&) override { return value(); }
  bool string(string_t&) override { return value(); }
  bool binary(binary_t&) override { return value(); }
  bool start_object(std::size_t) override { return open(); }
  bool key(string_t&) override { return true; }
  bool end_object() override { return close(); }
  bool start_array(std::size_t) override { return open(); }
  bool end_array() override { return close(); }
  bool parse_error(std::size_t, const std::string&, const nlohmann::detail::exception&) override {
    malformed = true;
    return false;
  }
  bool too_deep = false;
  bool too_many = false;
  bool malformed = false;

 private:
  bool value() {
    if (++values_ > bounds_.max_values) too_many = true;
    return !too_many;
  }
  bool open() {
    if (++depth_ > bounds_.max_depth) too_deep = true;
    return !too_deep && value();
  }
  bool close() {
    --depth_;
    return true;
  }
  JsonBounds bounds_;
  std::size_t depth_ = 0;
  std::size_t values_ = 0;
};

}  // namespace

nlohmann::json parse_bounded_json(std::string_view text, const std::string& where, JsonBounds bounds) {
  if (bounds.max_depth == 0) bounds.max_depth = limits::kMaxJsonDepth;
  if (bounds.max_values == 0) bounds.max_values = limits::kMaxJsonValues;
  BoundsSax sax(bounds);
  nlohmann::json::sax_parse(text, &sax);
  if (sax.too_deep)
    throw LimitError(where + ": JSON nests more than " + std::to_string(bounds.max_depth) +
                     " deep (see docs/limits.md)");
  if (sax.too_many)
    throw LimitError(where + ": JSON holds more than " + std::to_string(bounds.max_values) +
                     " values (see docs/limits.md)");
  if (sax.malformed) return nlohmann::json(nlohmann::json::value_t::discarded);
  return nlohmann::json::parse(text, nullptr, false);
}

}  // namespace ballast
