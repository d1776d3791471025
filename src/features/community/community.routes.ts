/** Every endpoint of the knowledge square and community (issue 18), in one list for `apiEndpoints()`. */
import type { Endpoint } from "../../http/endpoint";
import { moderationEndpoints } from "./moderation.routes";
import { questionEndpoints } from "./questions.routes";
import { storyEndpoints } from "./stories.routes";
import { peerEndpoints } from "./peers.routes";

export const communityEndpoints: Endpoint[] = [...questionEndpoints, ...moderationEndpoints, ...storyEndpoints, ...peerEndpoints];
