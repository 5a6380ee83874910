// What a layer member's (cleaned) name means in the layer model: an ordinary
// path, a whiteout `.wh.NAME` (NAME is deleted below), an opaque marker
// `.wh..wh..opq` (its directory hides lower contents), or engine bookkeeping
// (other `.wh..wh.` names such as AUFS's `.wh..wh.plnk`) to skip. Shared by
// the tar reader and the eStargz TOC reader so both classify identically.
#pragma once

#include <string>
#include <string_view>

namespace ballast::image {

struct EntryName {
  enum class Kind { kPlain, kWhiteout, kOpaque, kSkip };
  Kind kind = Kind::kPlain;
  std::string path;  // deleted path for whiteouts, the directory for opaque markers
};

EntryName classify_entry_name(std::string_view cleaned_path);

}  // namespace ballast::image
