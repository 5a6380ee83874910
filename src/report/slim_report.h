// The renderer of `ballast slim`'s SlimResult (slim/slim.h): what was
// written, what it saved and why, and what the user should know.
#pragma once

#include <string>

namespace ballast::slim {
struct SlimResult;
}

namespace ballast::report {

std::string render_slim_text(const slim::SlimResult& result, bool exact_bytes);

}  // namespace ballast::report
