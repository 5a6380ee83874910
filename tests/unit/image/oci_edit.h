// Editing an OCI image layout the way an attacker (or a broken tool) would:
// replace one blob's bytes and, optionally, re-point every descriptor that
// named it (digest and size), up to index.json — so that only the check under
// test can notice. Used by the integrity and descriptor tests.
#pragma once

#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "util/sha256.h"

namespace ballast::testing {

inline std::string read_bytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

inline void write_bytes(const std::string& path, const std::string& bytes) {
  std::filesystem::permissions(path, std::filesystem::perms::owner_write,
                               std::filesystem::perm_options::add);
  std::ofstream(path, std::ios::binary | std::ios::trunc) << bytes;
}

// Descriptors in `doc` naming `from` now name `to` (with `to_size`); true if any did.
inline bool repoint(nlohmann::json& doc, const std::string& from, const std::string& to,
                    std::size_t to_size) {
  bool changed = false;
  if (doc.is_object()) {
    auto d = doc.find("digest");
    if (d != doc.end() && d->is_string() && *d == from) {
      *d = to;
      doc["size"] = to_size;
      changed = true;
    }
    for (auto& [k, v] : doc.items()) changed = repoint(v, from, to, to_size) || changed;
  } else if (doc.is_array()) {
    for (auto& v : doc) changed = repoint(v, from, to, to_size) || changed;
  }
  return changed;
}

// Writes `bytes` as a new blob in place of "sha256:<old_hex>" and re-points
// every JSON document (blob or index.json) that named it, recursively, so
// the layout is consistent again except for what `bytes` itself says.
inline void replace_blob_rechained(const std::string& dir, const std::string& old_hex,
                                   const std::string& bytes) {
  const std::string new_hex = sha256_hex(bytes);
  const std::string blobs = dir + "/blobs/sha256/";
  std::ofstream(blobs + new_hex, std::ios::binary) << bytes;
  if (new_hex != old_hex) std::filesystem::remove(blobs + old_hex);
  std::vector<std::string> docs = {dir + "/index.json"};
  for (const auto& e : std::filesystem::directory_iterator(blobs)) docs.push_back(e.path().string());
  for (const auto& path : docs) {
    if (!std::filesystem::exists(path)) continue;
    std::string text = read_bytes(path);
    nlohmann::json j = nlohmann::json::parse(text, nullptr, false);
    if (j.is_discarded() || !j.is_object()) continue;
    if (!repoint(j, "sha256:" + old_hex, "sha256:" + new_hex, bytes.size())) continue;
    std::string updated = j.dump();
    if (path == dir + "/index.json") {
      write_bytes(path, updated);
    } else {
      std::string hex = std::filesystem::path(path).filename().string();
      replace_blob_rechained(dir, hex, updated);
    }
  }
}

// The manifest of a single-image layout (index.json's only manifest).
inline nlohmann::json only_manifest(const std::string& dir) {
  nlohmann::json index = nlohmann::json::parse(read_bytes(dir + "/index.json"));
  std::string digest = index["manifests"][0]["digest"];
  return nlohmann::json::parse(read_bytes(dir + "/blobs/sha256/" + digest.substr(7)));
}

inline std::string hex_of(const nlohmann::json& descriptor) {
  return descriptor["digest"].get<std::string>().substr(7);
}

// Sets the single manifest's layers[0].size (keeping its digest) and
// re-points index.json at the edited manifest.
inline void fix_layer_size(const std::string& dir, std::uint64_t size) {
  nlohmann::json index = nlohmann::json::parse(read_bytes(dir + "/index.json"));
  std::string hex = hex_of(index["manifests"][0]);
  nlohmann::json manifest = nlohmann::json::parse(read_bytes(dir + "/blobs/sha256/" + hex));
  manifest["layers"][0]["size"] = size;
  replace_blob_rechained(dir, hex, manifest.dump());
}

}  // namespace ballast::testing
