// A stored message's topic and facts (time, size, QoS, retained, connection), as both the live
// detail and the History explorer's detail show them.
import type { StoredMessage } from '../../shared/protocol';
import { formatBytes, formatCount } from '../ui/payload-format';
import { formatDateTime } from '../ui/time-format';

export function MessageMeta(props: { message: StoredMessage }) {
  const m = () => props.message;
  return (
    <>
      <p class="detail-topic mono">{m().topic}</p>
      <dl class="meta">
        <div>
          <dt>{m().published ? 'Published' : 'Received'}</dt>
          <dd>{formatDateTime(m().time)}</dd>
        </div>
        <div>
          <dt>Size</dt>
          <dd>
            {formatCount(m().size)} bytes ({formatBytes(m().size)})
          </dd>
        </div>
        <div>
          <dt>QoS</dt>
          <dd>{m().qos}</dd>
        </div>
        <div>
          <dt>Retained</dt>
          <dd>{m().retain ? 'yes' : 'no'}</dd>
        </div>
        <div class="wide">
          <dt>Connection</dt>
          <dd class="mono">{m().connectionId}</dd>
        </div>
      </dl>
    </>
  );
}
