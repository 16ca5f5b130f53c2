-- wrk: GET each path of the file given as first script argument at most once, the wrk threads (count given
-- as the second argument) taking turns, as a phone browser: NFC taps, each accepted once by the resolver (the
-- same counter again is a replay). A thread that has sent its share stops instead of starting over. wrk calls
-- request() once before the run to check the script, so the first thread's first path is never sent.
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
	if path == nil then
		-- Its share is sent: stop this thread. The request returned meanwhile is no tap.
		wrk.thread:stop()
		return wrk.format("GET", "/robots.txt", headers)
	end
	index = index + step
	return wrk.format("GET", path, headers)
end
