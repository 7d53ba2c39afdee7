// The publish form's MQTT 5 options (a chunk of its own): content type, payload format, expiry,
// request/response, user properties and topic alias, each with its inline error.
import type { JSX } from 'solid-js';
import { Checkbox, Field, errorAttrs } from '../ui/Field';
import { useConnection } from '../connection/connection';
import { usePublish } from '../publish/publish';
import type { Publish5Form } from './publish-options';
import { Mqtt5Section } from './Mqtt5Section';
import { UserPropertiesEditor } from './UserPropertiesEditor';

type TextKey = 'contentType' | 'expiryS' | 'responseTopic' | 'correlation' | 'topicAlias';

export function Publish5() {
  const publish = usePublish();
  const connection = useConnection();
  const error = (key: string) => publish.errors5()[key];
  const aliasMax = () => connection.status().broker?.topicAliasMaximum;

  const text = (key: TextKey, label: string, attrs: JSX.InputHTMLAttributes<HTMLInputElement>) => (
    <Field label={label} for={`pub5-${key}`} error={error(key)}>
      <input
        id={`pub5-${key}`}
        type="text"
        autocomplete="off"
        spellcheck={false}
        value={publish.form5[key]}
        onInput={(e) => {
          publish.setForm5(key, e.currentTarget.value);
          publish.clearError5(key);
        }}
        {...attrs}
        {...errorAttrs(`pub5-${key}`, error(key))}
      />
    </Field>
  );
  const check = (key: 'utf8' | 'correlationHex', label: string) => (
    <Checkbox
      label={label}
      checked={publish.form5[key]}
      onChange={(on) => {
        publish.setForm5(key, on);
        publish.clearError5(key === 'utf8' ? key : 'correlation');
      }}
    />
  );

  return (
    <Mqtt5Section id="publish-mqtt5">
      <div class="row-2">
        {text('contentType', 'Content type', { placeholder: 'application/json' })}
        {text('expiryS', 'Message expiry (s)', { inputmode: 'numeric', placeholder: 'never' })}
      </div>
      {check('utf8', 'Payload is UTF-8 text')}
      <div class="row-2">
        {text('responseTopic', 'Response topic', { class: 'mono' })}
        {text('topicAlias', 'Topic alias', {
          inputmode: 'numeric',
          placeholder: aliasMax() === undefined ? 'none' : `1–${aliasMax()}`,
        })}
      </div>
      {text('correlation', 'Correlation data', {
        class: 'mono',
        placeholder: publish.form5.correlationHex ? 'de ad be ef' : 'request-1',
      })}
      {check('correlationHex', 'Correlation data in hex')}
      <UserPropertiesEditor
        id="pub5-prop"
        rows={publish.form5.userProperties}
        errors={publish.errors5()}
        onChange={(rows: Publish5Form['userProperties']) =>
          publish.setForm5('userProperties', rows)
        }
        onEdit={(index) =>
          publish.clearError5(index < 0 ? 'userProperties' : `userProperties.${index}`)
        }
      />
    </Mqtt5Section>
  );
}
