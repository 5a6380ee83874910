#include "engine_run/container_engine.h"

namespace ballast::engine_run {

ImageCleanup::~ImageCleanup() {
  for (auto it = images_.rbegin(); it != images_.rend(); ++it) {
    try {
      engine_.remove_image(*it);
    } catch (...) {
    }
  }
}

}  // namespace ballast::engine_run
