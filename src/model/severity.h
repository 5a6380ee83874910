// Severity shared by every kind of finding (image waste, lint, context, deps).
#pragma once

#include <optional>
#include <string_view>

namespace ballast::model {

enum class Severity { kInfo = 0, kWarning = 1, kError = 2 };

std::string_view to_string(Severity s);
std::optional<Severity> parse_severity(std::string_view text);

}  // namespace ballast::model
