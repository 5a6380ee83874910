// The package databases read out of images (attribution/): dpkg status,
// .list and .md5sums files, Depends relations, apt's extended_states, apk's
// installed, and a wheel's RECORD and METADATA. The first byte picks the
// reader, so one corpus holds every format.
#include "attribution/apk_db.h"
#include "attribution/dpkg_db.h"
#include "attribution/python_db.h"
#include "fuzz_input.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace ballast;
  using namespace ballast::attribution;
  if (size == 0) return 0;
  const auto text = fuzz::as_text(data + 1, size - 1);
  std::vector<std::string> warnings;
  fuzz::expect_clean([&] {
    switch (data[0] % 8) {
      case 0: parse_dpkg_status(text, "var/lib/dpkg/status"); break;
      case 1: parse_dpkg_list(text, "var/lib/dpkg/info/p.list", &warnings); break;
      case 2: parse_dpkg_md5sums(text, "var/lib/dpkg/info/p.md5sums", &warnings); break;
      case 3: parse_dpkg_relations(text); parse_apt_auto_installed(text); break;
      case 4: parse_apk_installed(text, "lib/apk/db/installed"); apk_names(text); break;
      case 5: parse_record(text, "p-1.0.dist-info/RECORD", &warnings); break;
      case 6: parse_core_metadata(text); break;
      default: split_dist_dir_name(text); normalize_dist_name(text); dpkg_package_of_list(text); break;
    }
  });
  return 0;
}
