// The MQTT 5 chunk: every MQTT 5 option editor and view, loaded together the first time one is
// needed (the option sections opened, a publish on 5.0, a message with properties).
import './mqtt5.css';

export { Publish5 } from './Publish5';
export { publishOptions5 } from './publish-options';
export { Subscribe5, SubscriptionOptions } from './Subscribe5';
export { RequestResponse } from './RequestResponse';
export { MessageProperties } from './MessageProperties';
