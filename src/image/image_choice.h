// An archive or layout holds several images and the reference named none.
// The library does not know how its caller lets the user name one (`analyze`
// has --image, `deps` --image-name), so it reports the choice as data and
// the command line words the question with its own flag.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "util/error.h"

namespace ballast::image {

class ImageChoiceError : public InputError {
 public:
  // `tag_syntax`: how a reference names one of them ("NAME:TAG" for a
  // docker-archive, ":TAG" for OCI); `images`: their names, "(untagged)" for none.
  ImageChoiceError(std::string source, std::string tag_syntax, std::vector<std::string> images)
      : InputError(source + ": holds " + std::to_string(images.size()) + " images (present: " + join(images) + ")"),
        source_(std::move(source)), tag_syntax_(std::move(tag_syntax)), images_(std::move(images)) {}

  const std::string& source() const { return source_; }
  const std::string& tag_syntax() const { return tag_syntax_; }
  const std::vector<std::string>& images() const { return images_; }
  std::string present() const { return join(images_); }

 private:
  static std::string join(const std::vector<std::string>& names) {
    std::string out;
    for (const auto& n : names) out += (out.empty() ? "" : ", ") + n;
    return out;
  }
  std::string source_;
  std::string tag_syntax_;
  std::vector<std::string> images_;
};

}  // namespace ballast::image
