// One recorded run of `ballast analyze --record` or `ballast check --record`:
// the summary of an image at a point in time that `ballast history` lists.
// Plain data, the same in every store back end (store.h) and in the JSON
// and CSV renderings (docs/json-schema.md#kind-history).
#pragma once

#include <cstdint>
#include <map>
#include <string>

namespace ballast::history {

struct Run {
  std::int64_t id = 0;     // assigned by the store on append; ascending in append order
  std::string repository;  // "myapp", "registry.example.com/team/app"
  std::string tag;         // "1.0"; "" when the image had none
  std::string digest;      // the image ID (sha256 of its config), when known
  std::int64_t time = 0;   // Unix seconds (UTC) when it was recorded
  std::string command;     // "analyze" or "check"
  std::string source;      // what the user named: "oci:./out", "app.tar"
  std::uint64_t stored_bytes = 0;
  std::uint64_t final_bytes = 0;
  std::uint64_t compressed_bytes = 0;
  std::uint64_t layers = 0;
  std::map<std::string, std::uint64_t>
      categories;  // stored bytes per category; empty when not attributed
  std::map<std::string, std::uint64_t> findings;  // severity ("info", "warning", "error") -> count
  std::string git_commit;                         // HEAD of the checkout it ran in; "" outside one
  std::string result;                             // check runs: "pass" or "fail"; "" for analyze

  bool operator==(const Run&) const = default;
};

}  // namespace ballast::history
