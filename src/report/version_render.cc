#include "report/version_render.h"

#include <nlohmann/json.hpp>

#include "model/json_envelope.h"
#include "report/json_writer.h"
#include <algorithm>
#include <string>

namespace ballast::report {

void render_version_text(const about::BuildInfo& info, std::ostream& out) {
  out << "ballast " << info.version << "\n"
      << "commit: " << info.commit << "\n"
      << "build: " << info.build_type << ", " << info.compiler << "\n"
      << "libraries (run time, built with):\n";
  size_t width = 0;
  for (const auto& lib : info.libraries) width = std::max(width, lib.name.size());
  for (const auto& lib : info.libraries) {
    out << "  " << lib.name << std::string(width - lib.name.size() + 2, ' ')
        << (lib.runtime.empty() ? "-" : lib.runtime) << ", " << lib.headers << "\n";
  }
}

void render_version_json(const about::BuildInfo& info, std::ostream& out) {
  nlohmann::json doc = model::make_envelope("version");
  doc["version"] = info.version;
  doc["commit"] = info.commit;
  doc["build_type"] = info.build_type;
  doc["compiler"] = info.compiler;
  doc["libraries"] = nlohmann::json::array();
  for (const auto& lib : info.libraries) {
    doc["libraries"].push_back({{"name", lib.name},
                                {"runtime", lib.runtime.empty() ? nlohmann::json() : nlohmann::json(lib.runtime)},
                                {"headers", lib.headers}});
  }
  write_json(std::move(doc), out);
}

}  // namespace ballast::report
