// History's created_by as a person reads it: the Dockerfile instruction.
// Classic builder: "/bin/sh -c #(nop)  ENV X=1" -> "ENV X=1",
// "/bin/sh -c apt-get ..." -> "RUN apt-get ..."; BuildKit:
// "RUN /bin/sh -c make # buildkit" -> "RUN make".
#pragma once

#include <string>
#include <string_view>

namespace ballast::image {

std::string instruction_from_created_by(std::string_view created_by);

}  // namespace ballast::image
