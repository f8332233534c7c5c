// Drives real processes in real time: tcpdump on the test LAN's bridge, read line by line.
import { type ChildProcessByStdio, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { pause } from './realClock.ts';
import { markedEnv } from './runMark.ts';

export interface WireLaunch {
  /** The namespace of the bridge. */
  readonly ns: string;
  readonly bridge: string;
  /** Each packet as tcpdump prints it, with its wall-clock capture stamp (`-tt`: seconds, micros). */
  readonly onPacket: (seconds: string, micros: string, text: string) => void;
}

const PACKET = /^(\d+)\.(\d+) (.*)$/;

/**
 * The adverts (and ARPs) on the LAN: `tcpdump -l -n -tt --immediate-mode -i BRIDGE 'vrrp or arp'`
 * inside the LAN namespace. The kernel's capture stamps are used, not the arrival of the lines.
 */
export class WireCapture {
  readonly pid: number | undefined;
  private readonly child: ChildProcessByStdio<null, Readable, Readable>;
  private readonly exited: Promise<void>;
  private listening = false;
  private stderr = '';

  constructor(launch: WireLaunch) {
    this.child = spawn(
      'ip',
      [
        'netns',
        'exec',
        launch.ns,
        'tcpdump',
        '-l',
        '-n',
        '-tt',
        '--immediate-mode',
        '-i',
        launch.bridge,
        'vrrp or arp',
      ],
      { stdio: ['ignore', 'pipe', 'pipe'], detached: true, env: markedEnv() },
    );
    this.pid = this.child.pid;
    this.exited = new Promise((resolve) => {
      this.child.once('exit', () => resolve());
      this.child.once('error', (error) => {
        this.stderr += String(error);
        resolve();
      });
    });
    createInterface({ input: this.child.stdout, crlfDelay: Infinity }).on('line', (line) => {
      const packet = PACKET.exec(line);
      if (packet !== null) launch.onPacket(packet[1] as string, packet[2] as string, packet[3] as string);
    });
    this.child.stderr.on('data', (chunk: Buffer) => {
      this.stderr += chunk.toString('utf8');
      if (/listening on/.test(this.stderr)) this.listening = true;
    });
  }

  /** Waits until tcpdump listens (at most 5 s); the reason when it does not. */
  async ready(signal: AbortSignal): Promise<string | null> {
    let exited = false;
    void this.exited.then(() => {
      exited = true;
    });
    for (let i = 0; i < 500; i++) {
      if (this.listening) return null;
      if (exited) break;
      await pause(10, signal);
    }
    const said = this.stderr.trim().split('\n').pop() ?? '';
    return `tcpdump did not start on the bridge${said === '' ? '' : ` (${said})`}`;
  }

  /** Stops the capture, letting tcpdump print what it holds (at most 1 s). */
  async stop(): Promise<void> {
    if (this.pid === undefined) return;
    try {
      process.kill(this.pid, 'SIGTERM');
    } catch {
      return;
    }
    await Promise.race([this.exited, pause(1000)]);
    try {
      process.kill(this.pid, 'SIGKILL');
    } catch {
      // exited
    }
  }
}
