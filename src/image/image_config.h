// The image configuration (OCI image-spec config.md; Docker's is the same
// shape): platform, rootfs diff IDs, and the build history that says which
// instruction made which layer.
#pragma once

#include <map>
#include <string>
#include <vector>

namespace ballast::image {

struct HistoryEntry {
  std::string created;
  std::string created_by;
  std::string comment;
  std::string author;
  bool empty_layer = false;  // ENV, CMD, ... made no layer
};

struct ImageConfig {
  // The image ID: "sha256:" + the digest of the config's bytes as stored
  // (OCI image-spec config.md "ImageID"), what `docker images` shows.
  std::string id;
  std::string created;  // RFC 3339, as the builder wrote it (the SBOM's timestamp)
  std::string os;
  std::string architecture;
  std::string variant;
  std::vector<std::string> diff_ids;
  std::vector<HistoryEntry> history;
  // Runtime settings later analyses read (deps: CMD/ENTRYPOINT; lint: USER).
  std::vector<std::string> entrypoint;
  std::vector<std::string> cmd;
  std::vector<std::string> env;
  std::string user;
  std::string working_dir;
  std::vector<std::string> exposed_ports;        // keys of ExposedPorts ("8080/tcp"), sorted
  std::map<std::string, std::string> labels;     // config.Labels (diff reads them)
  // The config as stored: `ballast slim` carries every field over, known or not.
  std::string json;
};

// Throws InputError naming `source` when the JSON is malformed.
ImageConfig parse_image_config(const std::string& json_text, const std::string& source);

}  // namespace ballast::image
