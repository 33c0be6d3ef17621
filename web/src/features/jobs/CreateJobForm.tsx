// Create one job, or a pipeline of steps that run in order on one video.
import { useState, type FormEvent } from 'react';
import { post } from '../../api/client';
import type { CreatePipelineBody, JobType, Pipeline, ResourceCategory } from '../../api/types';
import { InlineError } from '../../ui/states';
import { JOB_TYPES, RESOURCE_CATEGORIES, createJob } from './jobs.api';

export function CreateJobForm({ onCreated }: { onCreated: () => void }) {
  const [mode, setMode] = useState<'job' | 'pipeline'>('job');
  const [type, setType] = useState<string>('reencode_streaming');
  const [steps, setSteps] = useState<string[]>(['organize', 'reencode_streaming']);
  const [videoId, setVideoId] = useState('');
  const [priority, setPriority] = useState('0');
  const [resourceCategory, setResourceCategory] = useState<ResourceCategory | ''>('');
  const [vram, setVram] = useState('');
  const [extra, setExtra] = useState('');
  const [error, setError] = useState<unknown>();
  const [notice, setNotice] = useState<string>();

  function params(): Record<string, unknown> {
    const p: Record<string, unknown> = extra.trim() ? (JSON.parse(extra) as Record<string, unknown>) : {};
    if (videoId.trim()) p.videoId = Number(videoId);
    return p;
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    setError(undefined);
    setNotice(undefined);
    try {
      let p: Record<string, unknown>;
      try {
        p = params();
      } catch {
        throw new Error('Extra parameters must be a JSON object');
      }
      if (mode === 'job') {
        const job = await createJob({
          type: type as JobType,
          params: p,
          priority: Number(priority) || 0,
          ...(resourceCategory ? { resourceCategory } : {}),
          ...(vram.trim() ? { vramRequired: Number(vram) } : {}),
        });
        setNotice(`Job #${job.id} created`);
      } else {
        const body: CreatePipelineBody = { name: steps.join(' → '), steps: steps.map((s) => ({ type: s, params: p, priority: Number(priority) || 0 })) };
        const res = await post<Pipeline>('/api/pipelines', body);
        setNotice(`Pipeline #${res.id} created: ${res.steps.length} steps`);
      }
      onCreated();
    } catch (err) {
      setError(err);
    }
  }

  return (
    <form className="card create-job" onSubmit={submit} aria-labelledby="create-job-title">
      <h2 id="create-job-title">New work</h2>
      <div className="tabs" role="tablist">
        <button type="button" role="tab" aria-selected={mode === 'job'} className={mode === 'job' ? 'tab on' : 'tab'} onClick={() => setMode('job')}>
          Job
        </button>
        <button type="button" role="tab" aria-selected={mode === 'pipeline'} className={mode === 'pipeline' ? 'tab on' : 'tab'} onClick={() => setMode('pipeline')}>
          Pipeline
        </button>
      </div>
      {mode === 'job' ? (
        <label>
          Type
          <select name="type" value={type} onChange={(e) => setType(e.target.value)}>
            {JOB_TYPES.map((t) => (
              <option key={t}>{t}</option>
            ))}
          </select>
        </label>
      ) : (
        <fieldset className="steps">
          <legend>Steps, in order</legend>
          {steps.map((s, i) => (
            <div key={i} className="inline-form">
              <select aria-label={`Step ${i + 1}`} value={s} onChange={(e) => setSteps((st) => st.map((x, j) => (j === i ? e.target.value : x)))}>
                {JOB_TYPES.map((t) => (
                  <option key={t}>{t}</option>
                ))}
              </select>
              <button type="button" className="btn btn-small btn-ghost" aria-label={`Remove step ${i + 1}`} disabled={steps.length === 1} onClick={() => setSteps((st) => st.filter((_, j) => j !== i))}>
                ✕
              </button>
            </div>
          ))}
          <button type="button" className="btn btn-small" onClick={() => setSteps((st) => [...st, 'generate_gif'])}>
            + Step
          </button>
        </fieldset>
      )}
      <label>
        Video id <span className="muted small">(for jobs on one video)</span>
        <input name="videoId" inputMode="numeric" pattern="[0-9]*" value={videoId} onChange={(e) => setVideoId(e.target.value)} />
      </label>
      <div className="inline-form">
        <label>
          Priority
          <input name="priority" type="number" value={priority} onChange={(e) => setPriority(e.target.value)} />
        </label>
        {mode === 'job' && (
          <label>
            Resource
            <select name="resourceCategory" value={resourceCategory} onChange={(e) => setResourceCategory(e.target.value as ResourceCategory | '')}>
              <option value="">Default for type</option>
              {RESOURCE_CATEGORIES.map((c) => (
                <option key={c}>{c}</option>
              ))}
            </select>
          </label>
        )}
        {mode === 'job' && (
          <label>
            GPU memory (MB)
            <input name="vramRequired" type="number" min={0} placeholder="default" value={vram} onChange={(e) => setVram(e.target.value)} />
          </label>
        )}
      </div>
      <label>
        Extra parameters <span className="muted small">(JSON)</span>
        <input name="params" placeholder='{"startSeconds": 0}' value={extra} onChange={(e) => setExtra(e.target.value)} />
      </label>
      <InlineError error={error} />
      {notice && (
        <p className="ok small" role="status">
          {notice}
        </p>
      )}
      <button type="submit" className="btn btn-primary">
        {mode === 'job' ? 'Create job' : 'Create pipeline'}
      </button>
    </form>
  );
}
