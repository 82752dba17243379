-- Shared by reserve.lua and settle.lua (prepended to each when loaded).
-- Frees one hold; amounts stay strings, so they are exact at any size.
local function unhold(counter, holds, id)
    local held = redis.call('HGET', counter, 'h:' .. id)
    if held then
        if held ~= '0' then
            redis.call('HINCRBY', counter, 'reserved', '-' .. held)
        end
        redis.call('HDEL', counter, 'h:' .. id)
    end
    redis.call('ZREM', holds, id)
end
