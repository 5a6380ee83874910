// The question the library leaves to the command line: which image of an
// archive holding several? Worded with the flag of the subcommand asking.
#pragma once

#include <string>

#include "image/image_choice.h"
#include "util/error.h"

namespace ballast::cli {

inline InputError choose_image(const image::ImageChoiceError& e, const std::string& flag) {
  return InputError(e.source() + ": holds " + std::to_string(e.images().size()) + " images, choose one with " +
                    e.tag_syntax() + " or " + flag + " (present: " + e.present() + ")");
}

}  // namespace ballast::cli
