// Placeholder.
namespace ballast::image {}
