import { createHash } from 'node:crypto'

/**
 * Every Redis watch figure of a cycle in one read-only call (README "Watch figures"), so the redis and
 * strategy_runner checks cost one round trip between them instead of one per figure and per SCAN page.
 *
 * KEYS[1] is the signal counter, KEYS[2..] the QUEUE_KEYS. ARGV: the signal key pattern, how many keys this
 * call may examine, the SCAN page size and the cursor to start from. Reply, read by watch/redisWatchReply.ts:
 *   { { counter|nil, GET's error|nil },
 *     { examined, complete (1|0), { { key, stamp|nil, idle seconds|nil }, … }, cursor },
 *     { { type, depth|nil, { group, pending, lag|nil, … } }, … } }
 *
 * - The counter is read with pcall, so a counter of the wrong type fails only the strategy_runner verdict
 *   (with Redis's own WRONGTYPE message), not the queue and signal figures.
 * - Signal keys are found with SCAN (never KEYS), a page of at most ARGV[3] at a time until the cursor wraps
 *   or ARGV[2] keys were examined. Redis serves no one else while a script runs (≈ 2 ms for a keyspace of
 *   5,200 keys, 200 of them signals: bench/watchCost.bench.ts), so one call examines at most a slice of
 *   SIGNAL_SCAN_LIMIT and the caller continues from the returned cursor (redisWatch.ts).
 *   The keys SCAN finds are not declared in KEYS. Redis allows that outside cluster mode, the only mode
 *   the stack runs Redis in; a Redis Cluster would refuse keys of another slot (and SCAN one node only).
 * - Per signal key, its own time where it carries one (see watch/newestSignal.ts) and OBJECT IDLETIME
 *   (pcall: an error under an LFU policy). Stamps go back as text, since Redis would truncate a Lua number.
 * - Per queue: TYPE, then the one length command of that type (LLEN / XLEN and each consumer group's
 *   pending and lag / ZCARD), so a key of another type is reported rather than answered with WRONGTYPE.
 */
export const REDIS_WATCH_SCRIPT = `
local counter = redis.pcall('GET', KEYS[1])
if type(counter) == 'table' then counter = { false, counter.err } else counter = { counter, false } end

local pattern, limit, batch = ARGV[1], tonumber(ARGV[2]), tonumber(ARGV[3])
local cursor, examined, seen, found = ARGV[4] or '0', 0, {}, {}
repeat
  local count = math.min(batch, limit - examined)
  local page = redis.call('SCAN', cursor, 'MATCH', pattern, 'COUNT', count)
  examined = examined + count
  cursor = page[1]
  for _, key in ipairs(page[2]) do
    if not seen[key] then
      seen[key] = true
      table.insert(found, key)
    end
  end
until cursor == '0' or examined >= limit

local signals = {}
for i, key in ipairs(found) do
  local t = redis.call('TYPE', key).ok
  local stamp = false
  if t == 'string' then
    local ok, doc = pcall(cjson.decode, redis.call('GET', key))
    if ok and type(doc) == 'table' then stamp = doc.timestamp or false end
  elseif t == 'hash' then stamp = redis.call('HGET', key, 'timestamp')
  elseif t == 'zset' then
    local top = redis.call('ZRANGE', key, -1, -1, 'WITHSCORES')
    if #top == 2 then stamp = top[2] end
  elseif t == 'stream' then
    local last = redis.call('XREVRANGE', key, '+', '-', 'COUNT', 1)
    if #last == 1 then stamp = last[1][1] end
  end
  if type(stamp) == 'number' then stamp = string.format('%.3f', stamp)
  elseif type(stamp) ~= 'string' then stamp = false end
  local idle = redis.pcall('OBJECT', 'IDLETIME', key)
  if type(idle) ~= 'number' then idle = false end
  signals[i] = { key, stamp, idle }
end

local queues = {}
for i = 2, #KEYS do
  local key = KEYS[i]
  local t = redis.call('TYPE', key).ok
  local depth, groups = false, {}
  if t == 'list' then depth = redis.call('LLEN', key)
  elseif t == 'zset' then depth = redis.call('ZCARD', key)
  elseif t == 'stream' then
    depth = redis.call('XLEN', key)
    for _, g in ipairs(redis.call('XINFO', 'GROUPS', key)) do
      local f = {}
      for j = 1, #g, 2 do f[g[j]] = g[j + 1] end
      table.insert(groups, f['name'])
      table.insert(groups, f['pending'] or 0)
      table.insert(groups, f['lag'] or false)
    end
  end
  queues[i - 1] = { t, depth, groups }
end

return { counter, { examined, cursor == '0' and 1 or 0, signals, cursor }, queues }`

/** What EVALSHA sends instead of the script once Redis has it cached. */
export const REDIS_WATCH_SCRIPT_SHA1 = createHash('sha1').update(REDIS_WATCH_SCRIPT).digest('hex')
