-- Takes one request from the requests bucket KEYS[1] and ARGV[4] tokens from the tokens bucket
-- KEYS[2]: both or neither. ARGV: now (ms), keep (ms), rpm, tpm (0: no such limit), tokens.
-- Answers {0, 0} when taken; {1, wait ms} when the requests bucket refused, {2, wait ms} the tokens one.
local now, keep = tonumber(ARGV[1]), tonumber(ARGV[2])
local rpm, tpm, want = tonumber(ARGV[3]), tonumber(ARGV[4]), tonumber(ARGV[5]) * SCALE
local rs, rt, ts, tt
if rpm > 0 then
  rs, rt = level(KEYS[1], rpm, now)
  if rs < SCALE then
    return {1, wait(rs, SCALE, rpm)}
  end
end
if tpm > 0 then
  ts, tt = level(KEYS[2], tpm, now)
  if ts < want then
    return {2, wait(ts, want, tpm)}
  end
end
if rpm > 0 then
  store(KEYS[1], rpm, rs - SCALE, rt, now, keep)
end
if tpm > 0 then
  store(KEYS[2], tpm, ts - want, tt, now, keep)
end
return {0, 0}
