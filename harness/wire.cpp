#include "harness/wire.hpp"

#include <sys/uio.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace pyjudge::wire {

void Writer::put_le(uint64_t v, int n) {
  char bytes[8];
  for (int i = 0; i < n; ++i) {
    bytes[i] = static_cast<char>((v >> (8 * i)) & 0xff);
  }
  buf_.append(bytes, static_cast<size_t>(n));  // one append, not n push_backs
}

void Writer::f64(double v) {
  uint64_t bits = 0;
  std::memcpy(&bits, &v, sizeof bits);
  u64(bits);
}

void Writer::str(std::string_view s) {
  u32(static_cast<uint32_t>(s.size()));
  buf_.append(s);
}

void Reader::truncated(size_t n) const {
  throw DecodeError("truncated frame: needed " + std::to_string(n) + " bytes, " +
                    std::to_string(remaining()) + " left");
}

double Reader::f64() {
  uint64_t bits = u64();
  double v = 0;
  std::memcpy(&v, &bits, sizeof v);
  return v;
}

std::string_view Reader::raw(size_t n) {
  if (remaining() < n) {
    throw DecodeError("truncated frame: string of " + std::to_string(n) + " bytes, " +
                      std::to_string(remaining()) + " left");
  }
  std::string_view s = data_.substr(pos_, n);
  pos_ += n;
  return s;
}

std::string_view Reader::str() {
  return raw(u32());
}

bool Reader::boolean() {
  uint8_t b = u8();
  if (b > 1) {
    throw DecodeError("bad boolean byte " + std::to_string(b));
  }
  return b == 1;
}

char Reader::peek_tag() const {
  if (at_end()) {
    throw DecodeError("truncated frame: value tag missing");
  }
  return data_[pos_];
}

void Reader::expect_end() const {
  if (!at_end()) {
    throw DecodeError(std::to_string(remaining()) + " unexpected trailing bytes");
  }
}

std::string frame_header(uint8_t type, size_t payload_size) {
  Writer w;
  w.u32(static_cast<uint32_t>(payload_size));
  w.u8(type);
  return w.take();
}

std::string encode_frame(uint8_t type, std::string_view payload) {
  std::string out = frame_header(type, payload.size());
  out.append(payload);
  return out;
}

bool write_frame(int fd, uint8_t type, std::string_view payload) {
  std::string header = frame_header(type, payload.size());
  iovec parts[2] = {{header.data(), header.size()},
                    {const_cast<char*>(payload.data()), payload.size()}};
  iovec* next = parts;
  int left = payload.empty() ? 1 : 2;
  while (left > 0) {
    ssize_t w = ::writev(fd, next, left);
    if (w < 0) {
      if (errno == EINTR) {
        continue;
      }
      return false;
    }
    auto done = static_cast<size_t>(w);
    while (left > 0 && done >= next->iov_len) {  // parts written whole
      done -= next->iov_len;
      ++next;
      --left;
    }
    if (left > 0) {  // a part written in part
      next->iov_base = static_cast<char*>(next->iov_base) + done;
      next->iov_len -= done;
    }
  }
  return true;
}

IoStatus read_frame(int fd, FrameBuffer& buffer, Frame& out) {
  for (;;) {
    try {
      if (auto f = buffer.next()) {
        out = std::move(*f);
        return IoStatus::ok;
      }
    } catch (const DecodeError&) {
      return IoStatus::too_large;
    }
    char chunk[65536];
    ssize_t r = ::read(fd, chunk, sizeof chunk);
    if (r < 0) {
      if (errno == EINTR) {
        continue;
      }
      return IoStatus::error;
    }
    if (r == 0) {
      return buffer.buffered() == 0 ? IoStatus::eof : IoStatus::error;
    }
    buffer.append(std::string_view(chunk, static_cast<size_t>(r)));
  }
}

std::optional<Frame> FrameBuffer::next() {
  std::string_view pending = std::string_view(buf_).substr(start_);
  if (pending.size() < 5) {
    compact();
    return std::nullopt;
  }
  Reader r(pending.substr(0, 5));
  uint32_t len = r.u32();
  uint8_t type = r.u8();
  if (len > max_payload_) {
    throw DecodeError("frame of " + std::to_string(len) + " bytes exceeds the limit of " +
                      std::to_string(max_payload_));
  }
  if (pending.size() < 5 + static_cast<size_t>(len)) {
    compact();
    return std::nullopt;
  }
  Frame f{type, std::string(pending.substr(5, len))};
  start_ += 5 + static_cast<size_t>(len);
  return f;
}

void FrameBuffer::compact() {
  if (start_ > 0) {
    buf_.erase(0, start_);
    start_ = 0;
  }
}

}  // namespace pyjudge::wire
