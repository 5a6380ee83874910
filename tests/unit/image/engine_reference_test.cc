// What counts as an engine image name: cases from distribution/reference's
// reference_test.go (TestReferenceParse) and the Docker CLI's usage, plus
// the paths a user mistypes, which must stay files.
#include "image/engine/engine_reference.h"

#include <gtest/gtest.h>

#include "image/image_reference.h"
#include "util/error.h"

namespace ballast::image::engine {
namespace {

const std::string kHex64 = "ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff";

TEST(EngineReference, ValidNames) {
  for (const std::string& s :
       {std::string("test_com"), std::string("test.com:tag"), std::string("test.com:5000"),
        std::string("test.com/repo:tag"), std::string("test:5000/repo"), std::string("test:5000/repo:tag"),
        "test:5000/repo@sha256:" + kHex64, "test:5000/repo:tag@sha256:" + kHex64,
        std::string("lowercase:Uppercase"), std::string("sub-dom1.foo.com/bar/baz/quux"),
        std::string("myapp:latest"), std::string("app.tar"), std::string("localhost:5000/a/b:1.0"),
        std::string("e2e/engine:1")})
    EXPECT_TRUE(is_engine_reference(s)) << s;
}

TEST(EngineReference, InvalidNames) {
  for (const std::string& s :
       {std::string(""), std::string(":justtag"), "@sha256:" + kHex64, std::string("Uppercase:tag"),
        std::string("aa/asdf$$^/aa"), std::string("a:b:c"), std::string("./app.tar"), std::string("/x/app.tar"),
        std::string("docker://busybox"), std::string("registry:foo/bar"), std::string("repo@sha256:abc"),
        std::string("-"), std::string("a//b")})
    EXPECT_FALSE(is_engine_reference(s)) << s;
}

TEST(EngineReference, ImageIds) {
  EXPECT_TRUE(is_image_id("sha256:" + kHex64));
  EXPECT_TRUE(is_image_id(kHex64));
  EXPECT_TRUE(is_image_id("0123456789ab"));
  EXPECT_FALSE(is_image_id("0123456789a"));       // shorter than the CLI's short ID
  EXPECT_FALSE(is_image_id("sha256:0123456789ab"));  // with the algorithm, only the full digest
  EXPECT_FALSE(is_image_id("0123456789AB"));
}

TEST(EngineReference, TransportSelection) {
  ImageReference daemon = parse_image_reference("docker-daemon:app:1");
  EXPECT_EQ(daemon.transport, Transport::kDockerDaemon);
  EXPECT_EQ(daemon.engine_ref, "app:1");
  EXPECT_FALSE(daemon.implicit);
  ImageReference bare = parse_image_reference("no-such-file-here:1");
  EXPECT_EQ(bare.transport, Transport::kDockerDaemon);
  EXPECT_TRUE(bare.implicit);
  EXPECT_EQ(parse_image_reference("-").transport, Transport::kStdin);
  // Not a name: still a (missing) file, with the file error.
  EXPECT_THROW(parse_image_reference("./no-such-file.tar"), InputError);
  EXPECT_THROW(parse_image_reference("docker-daemon:"), InputError);
}

}  // namespace
}  // namespace ballast::image::engine
