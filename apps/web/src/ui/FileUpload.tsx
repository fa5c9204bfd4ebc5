import { type FormEvent, type ReactNode, type RefObject, useEffect, useRef, useState } from 'react';
import { formatBytes } from '../lib/format';
import { focusFirstInvalid } from '../lib/forms';
import { Button } from './Button';
import { FileField } from './fields';
import { LeaveGuard } from './LeaveGuard';
import { ProgressBar } from './ProgressBar';

/** Where a file upload is: its bytes being sent, then sent and waiting for the server's answer. */
export type UploadPhase =
  | { kind: 'idle' }
  | { kind: 'uploading'; loaded: number; total: number }
  | { kind: 'sent' };

/** What an upload request needs to report its progress and be cancelled (see `apiUpload`). */
export interface UploadTransfer {
  signal: AbortSignal;
  onUploadProgress: (loaded: number, total: number) => void;
  onUploaded: () => void;
}

export interface FileUpload {
  formRef: RefObject<HTMLFormElement | null>;
  /** The chosen file, kept until `clear()` (e.g. to send it again). */
  file: File | null;
  setFile: (file: File | null) => void;
  /** Key of the file input: changing it empties the input. */
  inputKey: number;
  phase: UploadPhase;
  /** Sending or waiting for the answer: the form is disabled and leaving the page asks first. */
  busy: boolean;
  /** Forgets the chosen file and empties the file input. */
  clear: () => void;
  /** Cancels the upload in progress (the request rejects with an abort error). */
  cancel: () => void;
  /** Runs `work` with the transfer of `file`; the phase goes back to idle when it settles. */
  send: (file: File, work: (transfer: UploadTransfer) => Promise<void>) => Promise<void>;
  /** Moves focus to the first invalid field, else to the form's error message. */
  focusError: () => void;
}

/** The state of one upload form: chosen file, progress, cancellation (aborted when the page is left). */
export function useFileUpload(): FileUpload {
  const formRef = useRef<HTMLFormElement>(null);
  const abortRef = useRef<AbortController | null>(null);
  const [file, setFile] = useState<File | null>(null);
  const [inputKey, setInputKey] = useState(0);
  const [phase, setPhase] = useState<UploadPhase>({ kind: 'idle' });

  useEffect(() => () => abortRef.current?.abort(), []);

  return {
    formRef,
    file,
    setFile,
    inputKey,
    phase,
    busy: phase.kind !== 'idle',
    clear() {
      setFile(null);
      setInputKey((k) => k + 1);
    },
    cancel() {
      abortRef.current?.abort();
    },
    async send(sent, work) {
      const controller = new AbortController();
      abortRef.current = controller;
      setPhase({ kind: 'uploading', loaded: 0, total: sent.size });
      try {
        await work({
          signal: controller.signal,
          onUploadProgress: (loaded, total) => setPhase({ kind: 'uploading', loaded, total }),
          onUploaded: () => setPhase({ kind: 'sent' }),
        });
      } finally {
        abortRef.current = null;
        setPhase({ kind: 'idle' });
      }
    },
    focusError() {
      focusFirstInvalid(formRef.current);
    },
  };
}

export interface FileUploadFormProps {
  upload: FileUpload;
  onSubmit: (event: FormEvent<HTMLFormElement>) => void;
  /** The file input. */
  label: string;
  name: string;
  accept: string;
  hint: ReactNode;
  error: string | undefined;
  /** Called when another file is chosen (already kept by `upload`). */
  onFileChange?: (file: File | null) => void;
  /** Said after the chosen file's name and size (e.g. its format). */
  fileDetail?: ReactNode;
  /** The form's error message, above the fields. */
  alert?: ReactNode;
  /** Fields between the chosen file and the buttons. */
  children?: ReactNode;
  submitLabel: string;
  /** The bar while the bytes are sent. */
  progressLabel: string;
  progressDetail?: (loaded: number, total: number) => ReactNode;
  /** The bar once the file is sent, while the server works on it. */
  sentProgress?: { label: string; detail?: ReactNode };
  /** The question asked before leaving the page during the upload. */
  leaveTitle: string;
  leaveMessage: string;
}

/** A file chooser with its progress bar, cancel button and "don't leave while sending" guard. */
export function FileUploadForm({
  upload,
  onSubmit,
  label,
  name,
  accept,
  hint,
  error,
  onFileChange,
  fileDetail,
  alert,
  children,
  submitLabel,
  progressLabel,
  progressDetail,
  sentProgress,
  leaveTitle,
  leaveMessage,
}: FileUploadFormProps) {
  const { file, phase, busy } = upload;
  return (
    <>
      <LeaveGuard when={busy} title={leaveTitle} message={leaveMessage} />
      <form ref={upload.formRef} noValidate onSubmit={onSubmit} className="upload-form">
        {alert}
        <FileField
          key={upload.inputKey}
          label={label}
          name={name}
          accept={accept}
          hint={hint}
          onChange={(next) => {
            upload.setFile(next);
            onFileChange?.(next);
          }}
          error={error}
          disabled={busy}
        />
        {file ? (
          <p className="muted">
            Fichier choisi : <strong className="break">{file.name}</strong> ({formatBytes(file.size)})
            {fileDetail}
          </p>
        ) : null}
        {children}
        <div className="form-actions">
          <Button type="submit" pending={busy}>
            {submitLabel}
          </Button>
          {phase.kind === 'uploading' ? (
            <Button variant="secondary" onClick={upload.cancel}>
              Annuler l’envoi
            </Button>
          ) : null}
        </div>
        {phase.kind === 'uploading' ? (
          <ProgressBar
            label={progressLabel}
            value={phase.loaded}
            max={phase.total || 1}
            detail={progressDetail?.(phase.loaded, phase.total)}
          />
        ) : phase.kind === 'sent' && sentProgress ? (
          <ProgressBar label={sentProgress.label} detail={sentProgress.detail} />
        ) : null}
      </form>
    </>
  );
}
