// Whether a string can name an image in the engine: a reference in the
// grammar of distribution/reference (reference.go), which the engine's
// /images/{name} endpoints take — [DOMAIN[:PORT]/]PATH[:TAG][@DIGEST] with
// lower-case path components — or an image ID (full or short hex, with or
// without "sha256:"). Used to tell a bare `ballast analyze app:1` (an engine
// image) from a mistyped file name (`./app.tar`, `/x/app.tar`).
#pragma once

#include <string_view>

namespace ballast::image::engine {

bool is_engine_reference(std::string_view text);

// True for "sha256:<64 hex>" and for 12..64 lower-case hex digits.
bool is_image_id(std::string_view text);

}  // namespace ballast::image::engine
