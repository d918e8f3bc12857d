// Wire format between pyjudge (trusted) and pyjudge-harness (runs candidate code).
//
// Everything crossing the process boundary is a frame: a little-endian u32 payload length,
// a u8 frame type, then the payload. Payloads are written with Writer and read with Reader:
// fixed-width little-endian integers, f64, and u32-length-prefixed byte strings.
//
// Values (arguments going in, return values coming out) use a canonical typed encoding,
// one tag byte per value:
//   'N' None            'T' True            'F' False
//   'i' int   i64       'I' int   u8 sign (1 = negative), u32 n, n bytes magnitude (LE)
//   'f' float f64 (IEEE bits)
//   's' str   u32 n, n bytes UTF-8          'b' bytes u32 n, n bytes
//   'l' list  'u' tuple  'S' set  'z' frozenset: u32 count, then count values
//   'd' dict  u32 count, then count (key, value) pairs
// LeetCode's node types travel as their serialisations, each u32 count then count values:
//   'L' ListNode  the values from the head on
//   'B' TreeNode  level order, 'N' for a missing child, no trailing 'N's
//   'G' Node      a graph: node i (1-based) has value i; item i-1 is the list of its
//                 neighbours' values, in order
// An empty serialisation is never sent: an empty list, tree or graph is None.
// Ints that fit i64 are always 'i'; 'I' is only for larger magnitudes (minimal bytes).
// The encoder on the harness side checks exact Python types (never subclasses), so a value
// on the wire is plain data: it cannot carry behaviour such as a custom __eq__.
#pragma once

#include <cstdint>
#include <cstring>
#include <optional>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace pyjudge::wire {

namespace tag {
inline constexpr char k_none = 'N';
inline constexpr char k_true = 'T';
inline constexpr char k_false = 'F';
inline constexpr char k_int = 'i';
inline constexpr char k_big_int = 'I';
inline constexpr char k_float = 'f';
inline constexpr char k_str = 's';
inline constexpr char k_bytes = 'b';
inline constexpr char k_list = 'l';
inline constexpr char k_tuple = 'u';
inline constexpr char k_set = 'S';
inline constexpr char k_frozenset = 'z';
inline constexpr char k_dict = 'd';
inline constexpr char k_linked_list = 'L';
inline constexpr char k_tree = 'B';
inline constexpr char k_graph = 'G';
}  // namespace tag

// Deepest nesting either side accepts (I2). Python's own recursion limit is 1000 too.
inline constexpr int k_max_depth = 1000;
// Most values one result may hold, so that a small object graph of shared references
// ([[None] * 1000] * 5000) cannot become gigabytes in the judge.
inline constexpr size_t k_max_values = 2'000'000;

// Thrown by Reader on truncated or malformed input. Callers decide whose fault it is.
class DecodeError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class Writer {
 public:
  void u8(uint8_t v) { buf_.push_back(static_cast<char>(v)); }
  void u32(uint32_t v) { put_le(v, 4); }
  void u64(uint64_t v) { put_le(v, 8); }
  void i64(int64_t v) { put_le(static_cast<uint64_t>(v), 8); }
  void f64(double v);
  void str(std::string_view s);  // u32 length + bytes
  void raw(std::string_view s) { buf_.append(s); }
  void boolean(bool b) { u8(b ? 1 : 0); }

  [[nodiscard]] size_t size() const { return buf_.size(); }
  [[nodiscard]] const std::string& data() const { return buf_; }
  [[nodiscard]] std::string take() { return std::move(buf_); }

 private:
  void put_le(uint64_t v, int n);
  std::string buf_;
};

class Reader {
 public:
  explicit Reader(std::string_view data) : data_(data) {}

  uint8_t u8() { return static_cast<uint8_t>(get_le<1>()); }
  uint32_t u32() { return static_cast<uint32_t>(get_le<4>()); }
  uint64_t u64() { return get_le<8>(); }
  int64_t i64() { return static_cast<int64_t>(get_le<8>()); }
  double f64();
  std::string_view str();
  std::string_view raw(size_t n);
  bool boolean();
  char peek_tag() const;

  [[nodiscard]] bool at_end() const { return pos_ == data_.size(); }
  [[nodiscard]] size_t remaining() const { return data_.size() - pos_; }
  void expect_end() const;

 private:
  // Inline: a value's every number goes through here (decoding 10,000 integers reads
  // 20,000 of them).
  template <size_t N>
  uint64_t get_le() {
    if (remaining() < N) {
      truncated(N);
    }
    unsigned char bytes[N];
    std::memcpy(bytes, data_.data() + pos_, N);
    pos_ += N;
    uint64_t v = 0;
    for (size_t i = 0; i < N; ++i) {  // compiled to one load on a little-endian machine
      v |= static_cast<uint64_t>(bytes[i]) << (8 * i);
    }
    return v;
  }
  [[noreturn]] void truncated(size_t n) const;
  std::string_view data_;
  size_t pos_ = 0;
};

// One frame read from or written to a pipe.
struct Frame {
  uint8_t type = 0;
  std::string payload;
};

enum class IoStatus { ok, eof, error, too_large };

// A frame as bytes: its header (payload length, u32; type, u8) and then its payload.
std::string frame_header(uint8_t type, size_t payload_size);
std::string encode_frame(uint8_t type, std::string_view payload);

// Blocking frame I/O on raw descriptors; EINTR-safe. write_frame never raises SIGPIPE
// (callers ignore it) and reports failure through its result. A frame is one write(2)
// (header and payload gathered), so one of at most PIPE_BUF bytes is never interleaved.
[[nodiscard]] bool write_frame(int fd, uint8_t type, std::string_view payload);

// Incremental frame parser for a non-blocking reader (the judge's event loop).
class FrameBuffer {
 public:
  explicit FrameBuffer(size_t max_payload) : max_payload_(max_payload) {}
  void append(std::string_view bytes) { buf_.append(bytes); }
  // Returns a complete frame if one is buffered. Throws DecodeError when the announced
  // length exceeds max_payload.
  std::optional<Frame> next();
  [[nodiscard]] size_t buffered() const { return buf_.size() - start_; }

 private:
  void compact();
  size_t max_payload_;
  std::string buf_;
  size_t start_ = 0;  // consumed prefix, dropped lazily so many small frames stay linear
};

// Blocking read of the next frame through `buffer`, which reads up to 64 KiB at a time: a
// job of hundreds of test frames costs a few reads, not two per frame. eof only when the
// stream ended between frames; too_large when a frame announces more than the buffer's
// max_payload.
[[nodiscard]] IoStatus read_frame(int fd, FrameBuffer& buffer, Frame& out);

}  // namespace pyjudge::wire
