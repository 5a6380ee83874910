#include "python/declarations.h"

namespace ballast::python {

bool is_cpu_torch_index(std::string_view url) {
  // https://download.pytorch.org/whl/cpu (and .../whl/cpu/torch_stable.html,
  // nightly/cpu): PyTorch's CPU-only wheels, no nvidia-* dependencies.
  return url.find("/whl/cpu") != std::string_view::npos ||
         url.find("/whl/nightly/cpu") != std::string_view::npos;
}

}  // namespace ballast::python
