-- wrk: GET a random path from the file given as first script argument, as a phone browser whose
-- user agent is different on every request (a stream of distinct user agents).
local counter = 0
function setup(thread)
	thread:set("id", counter)
	counter = counter + 1
end

local paths = {}
local base = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1"
local sent = 0

function init(args)
	for line in io.lines(args[1]) do
		paths[#paths + 1] = line
	end
	math.randomseed(os.time() * 1000 + id)
end

function request()
	sent = sent + 1
	local headers = { ["User-Agent"] = base .. " Bench/" .. id .. "." .. sent }
	return wrk.format("GET", paths[math.random(#paths)], headers)
end
