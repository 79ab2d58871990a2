// Exposes exactly the typed contract as window.api, nothing else: no ipcRenderer, no Node.
import { contextBridge, ipcRenderer } from 'electron';
import type { IpcRendererEvent } from 'electron';
import { API_CHANNEL, EVENT_CHANNEL } from '../shared/channels.js';
import type { ApiEvent, WindowApi } from '../shared/api.js';

const api: WindowApi = {
  invoke: (method, input) => ipcRenderer.invoke(API_CHANNEL, method, input),
  onEvent(listener) {
    const forward = (_event: IpcRendererEvent, apiEvent: ApiEvent): void => listener(apiEvent);
    ipcRenderer.on(EVENT_CHANNEL, forward);
    return () => {
      ipcRenderer.removeListener(EVENT_CHANNEL, forward);
    };
  },
};

contextBridge.exposeInMainWorld('api', api);
