// Name-based UUIDs against published values, and license naming against
// DEP-5 and the SPDX license list.
#include <fstream>
#include <sstream>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "sbom/document.h"
#include "sbom/licenses.h"
#include "sbom/sbom.h"
#include "sbom/uuid.h"

namespace ballast::sbom {
namespace {

TEST(Uuid, V5PublishedValues) {
  // Python's uuid module documentation: uuid.uuid5(uuid.NAMESPACE_DNS, 'python.org').
  EXPECT_EQ(uuid_v5(kDnsNamespace, "python.org"), "886313e1-3b8a-5372-9b90-0c9aee199e5d");
  // RFC 9562 appendix A.4: UUIDv5 of "www.example.com" in the DNS namespace.
  EXPECT_EQ(uuid_v5(kDnsNamespace, "www.example.com"), "2ed6657d-e927-568b-95e1-2665a8aea6a2");
  EXPECT_TRUE(is_urn_uuid("urn:uuid:" + uuid_v5(kUrlNamespace, "x")));
  EXPECT_FALSE(is_urn_uuid("urn:uuid:2ED6657D-e927-568b-95e1-2665a8aea6a2"));
  EXPECT_FALSE(is_urn_uuid("2ed6657d-e927-568b-95e1-2665a8aea6a2"));
}

TEST(Licenses, SpdxIdsAreOnTheSpdxList) {
  // CycloneDX 1.5 carries the SPDX license list as spdx.schema.json's enum.
  std::ifstream in(std::string(BALLAST_SOURCE_DIR) + "/tests/vectors/sbom/cyclonedx-1.5/spdx.schema.json");
  std::stringstream ss;
  ss << in.rdbuf();
  auto ids = nlohmann::json::parse(ss.str())["enum"];
  ASSERT_GT(ids.size(), 400u);
  for (const auto& id : known_spdx_ids())
    EXPECT_NE(std::find(ids.begin(), ids.end(), id), ids.end()) << id;
}

TEST(Licenses, Classify) {
  EXPECT_EQ(classify_license("mit").spdx, "MIT");
  EXPECT_EQ(classify_license("Expat").spdx, "MIT");
  EXPECT_EQ(classify_license("GPL-2+").spdx, "GPL-2.0-or-later");
  EXPECT_EQ(classify_license("LGPL-2.1").spdx, "LGPL-2.1-only");
  EXPECT_EQ(classify_license("GPL-2.0+").spdx, "GPL-2.0-or-later");
  EXPECT_EQ(classify_license("GPL-2+ or Artistic").spdx, "GPL-2.0-or-later OR Artistic-1.0");
  EXPECT_EQ(classify_license("(MIT OR Apache-2.0) AND BSD-3-Clause").spdx, "(MIT OR Apache-2.0) AND BSD-3-Clause");
  EXPECT_EQ(classify_license("GPL-3.0-or-later WITH GCC-exception-3.1").spdx,
            "GPL-3.0-or-later WITH GCC-exception-3.1");
  EXPECT_TRUE(classify_license("GPL-2+ or Artistic").compound());
  // Not SPDX: names stay names.
  EXPECT_EQ(classify_license("public-domain").spdx, "");
  EXPECT_EQ(classify_license("BSD License").spdx, "");
  EXPECT_EQ(classify_license("MIT OR").spdx, "");
  EXPECT_EQ(classify_license("MIT AND (Apache-2.0").spdx, "");
  EXPECT_EQ(classify_license("BSD License").text, "BSD License");
}

TEST(Licenses, DebianCopyright) {
  // Shaped like DEP-5's own example (copyright-format 1.0, "Examples").
  const char* text =
      "Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/\n"
      "Upstream-Name: X Solitaire\n"
      "Source: ftp://ftp.example.com/pub/games\n"
      "\n"
      "Files: *\n"
      "Copyright: Copyright 1998 John Doe <jdoe@example.com>\n"
      "License: GPL-2+\n"
      " This program is free software; you can redistribute it\n"
      " .\n"
      " On Debian systems, the full text of the GNU General Public\n"
      "\n"
      "Files: debian/*\n"
      "Copyright: Copyright 1998 Jane Smith <jsmith@example.net>\n"
      "License: GPL-2+\n"
      "\n"
      "Files: src/zlib/*\n"
      "Copyright: 1995 Jean-loup Gailly\n"
      "License: Zlib\n"
      "\n"
      "License: Zlib\n"
      " This software is provided 'as-is'\n";
  EXPECT_EQ(debian_copyright_licenses(text), (std::vector<std::string>{"GPL-2+", "Zlib"}));
  // Free-form copyright files (no Format: header) name no license ballast can read.
  EXPECT_TRUE(debian_copyright_licenses("This is the Debian prepackaged version of foo.\n\n"
                                        "License: GPL\n")
                  .empty());
}

TEST(Document, UtcSeconds) {
  EXPECT_EQ(utc_seconds("2024-01-02T03:04:05.123456789Z"), "2024-01-02T03:04:05Z");
  EXPECT_EQ(utc_seconds("2024-01-02T01:04:05+02:00"), "2024-01-01T23:04:05Z");
  EXPECT_EQ(utc_seconds("2024-01-02T23:04:05-02:00"), "2024-01-03T01:04:05Z");
  EXPECT_FALSE(utc_seconds("2024-01-02 03:04:05"));
  EXPECT_FALSE(utc_seconds("yesterday"));
  EXPECT_FALSE(utc_seconds("2024-13-02T03:04:05Z"));
}

}  // namespace
}  // namespace ballast::sbom
