// ParallelFor: runs fn(i) for i in [0, n) on up to `threads` threads (the calling thread included).
// Work is handed out one index at a time, so uneven items balance; callers write results into slot i,
// which keeps output order independent of the thread count.
//
//   std::vector<Result<Document>> out(paths.size(), NotFound(""));
//   ParallelFor(paths.size(), 2, [&](size_t i) { out[i] = engine.CodeFile(paths[i], options); });
//
// Thread-safety: fn must be safe to call concurrently for different i.
#pragma once

#include <atomic>
#include <cstddef>
#include <thread>
#include <vector>

namespace eventcoder {

template <typename Fn>
void ParallelFor(size_t n, int threads, Fn&& fn) {
  if (threads <= 1 || n <= 1) {
    for (size_t i = 0; i < n; ++i) fn(i);
    return;
  }
  std::atomic<size_t> next{0};
  auto work = [&]() {
    for (size_t i = next.fetch_add(1); i < n; i = next.fetch_add(1)) fn(i);
  };
  std::vector<std::thread> pool;
  size_t extra = static_cast<size_t>(threads) - 1 < n ? static_cast<size_t>(threads) - 1 : n - 1;
  pool.reserve(extra);
  for (size_t t = 0; t < extra; ++t) pool.emplace_back(work);
  work();
  for (std::thread& t : pool) t.join();
}

inline int DefaultThreads() {
  unsigned hw = std::thread::hardware_concurrency();
  return hw == 0 ? 1 : static_cast<int>(hw);
}

}  // namespace eventcoder
