// `ballast analyze --format json` on an image with an eStargz layer, read from
// its TOC and with --no-toc: the documents are identical except the fields
// that say how each layer was read (docs/json-schema.md): `verified` (the TOC
// path does not hash the blob) and `read_via`.
#include <gtest/gtest.h>

#include <cstdio>
#include <nlohmann/json.hpp>

#include "../support/run_command.h"
#include "writer/estargz_writer.h"
#include "temp_dir.h"

namespace ballast::image {
namespace {

using namespace ballast::writer;  // fixtures are written with the image writer

using nlohmann::json;
using testing::TempDir;

std::string run(const std::string& args) {
  return ballast::testing::run_command(std::string(BALLAST_BINARY) + " analyze --format json " +
                                       args + " 2>/dev/null")
      .out;
}

TEST(EstargzCli, TocAndNoTocGiveTheSameReport) {
  TempDir tmp;
  EstargzWriteLayer base;
  base.created_by = "ADD rootfs /";
  base.options.chunk_size = 4096;
  base.entries = {dir_entry("var"),
                  dir_entry("var/lib"),
                  dir_entry("var/lib/dpkg"),
                  file_entry("var/lib/dpkg/status",
                             "Package: hello\nStatus: install ok installed\nInstalled-Size: 1\n"
                             "Version: 1.0\n\n"),
                  dir_entry("var/lib/dpkg/info"),
                  file_entry("var/lib/dpkg/info/hello.list", "/usr/bin/hello\n"),
                  dir_entry("usr"),
                  dir_entry("usr/bin"),
                  file_entry("usr/bin/hello", std::string(9000, 'h'), 0755),
                  file_entry("usr/bin/hello-copy", std::string(9000, 'h'), 0755)};
  EstargzWriteLayer app;
  app.created_by = "COPY app /app";
  app.entries = {dir_entry("app"), file_entry("app/main.py", "print('hi')\n"),
                 file_entry("usr/bin/hello", std::string(9000, 'H'), 0755)};
  write_estargz_oci_layout({base, app}, tmp / "img");
  json toc = json::parse(run("oci:" + tmp.path() + "/img"), nullptr, false);
  json full = json::parse(run("--no-toc oci:" + tmp.path() + "/img"), nullptr, false);
  ASSERT_TRUE(toc.is_object());
  ASSERT_TRUE(full.is_object());
  for (std::size_t i = 0; i < 2; ++i) {
    if (toc["layers"][i].contains("read_via")) {
      EXPECT_EQ(toc["layers"][i]["read_via"], "toc");
      EXPECT_EQ(full["layers"][i]["read_via"], "stream");
    }
    EXPECT_EQ(toc["layers"][i]["verified"], false);
    EXPECT_EQ(full["layers"][i]["verified"], true);
    EXPECT_EQ(toc["layers"][i]["not_verified"], "toc");
    EXPECT_EQ(full["layers"][i]["not_verified"], "diff-id-not-hashed");
    for (json* doc : {&toc, &full}) {
      (*doc)["layers"][i].erase("verified");
      (*doc)["layers"][i].erase("not_verified");
      (*doc)["layers"][i].erase("read_via");
    }
  }
  EXPECT_EQ(toc.dump(1), full.dump(1));
  // The report found the package (from the captured status file) and the
  // duplicate (usr/bin/hello-copy vs nothing else: the 'h' copy was replaced).
  EXPECT_NE(toc.dump().find("hello"), std::string::npos);
}

}  // namespace
}  // namespace ballast::image
