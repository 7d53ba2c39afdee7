/** Returns why `filter` is not a valid subscription filter, or null when it is. */
export declare function validateTopicFilter(filter: string): string | null;
/** Returns why `topic` cannot be published to, or null when it can. */
export declare function validatePublishTopic(topic: string): string | null;
/** Whether a topic name matches a (valid) filter; `$` topics are not matched by leading wildcards. */
export declare function topicMatches(filter: string, topic: string): boolean;
