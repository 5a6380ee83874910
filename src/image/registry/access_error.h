// A registry refused us for a reason the user fixes with an option the
// library cannot name (the CLI words it with its flags): no credentials were
// found, or the registry speaks plain http and TLS verification is on.
#pragma once

#include <string>

#include "util/error.h"

namespace ballast::image::registry {

class AccessError : public InputError {
 public:
  enum class Need { kCredentials, kPlainHttp };
  AccessError(const std::string& message, Need need) : InputError(message), need_(need) {}
  Need need() const { return need_; }

 private:
  Need need_;
};

}  // namespace ballast::image::registry
