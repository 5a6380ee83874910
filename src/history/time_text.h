// Times as the history shows and takes them: RFC 3339 in UTC
// ("2026-12-03T06:48:09Z") out; for --since, a date ("2026-12-01", UTC
// midnight), a date and time ("2026-12-01T10:00:00Z", "2026-12-01 10:00")
// or a duration back from now ("7d", "12h", "30m", "2w", "90s").
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace ballast::history {

std::string format_time(std::int64_t unix_seconds);

// Unix seconds, or nullopt when `text` is none of the forms above.
std::optional<std::int64_t> parse_since(std::string_view text, std::int64_t now);

}  // namespace ballast::history
