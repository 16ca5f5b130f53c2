-- wrk: GET each path of the file given as first script argument once, the wrk threads (count given as the
-- second argument) taking turns, as a phone browser: every request is the first scan of its token.
local counter = 0
function setup(thread)
	thread:set("id", counter)
	counter = counter + 1
end

local paths = {}
local index, step
local headers = { ["User-Agent"] = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1" }

function init(args)
	for line in io.lines(args[1]) do
		paths[#paths + 1] = line
	end
	step = tonumber(args[2])
	index = id + 1
end

function request()
	local path = paths[index]
	index = index + step
	if index > #paths then
		index = id + 1
	end
	return wrk.format("GET", path, headers)
end
