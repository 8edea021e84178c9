/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "ak-history.h"

G_BEGIN_DECLS

#define AK_TYPE_HISTORY_WINDOW (ak_history_window_get_type ())

G_DECLARE_FINAL_TYPE (AkHistoryWindow, ak_history_window, AK, HISTORY_WINDOW, AdwWindow)

AkHistoryWindow *ak_history_window_new         (GtkWindow       *parent,
                                                AkHistory       *history);
AkHistory       *ak_history_window_get_history (AkHistoryWindow *self);
void             ak_history_window_export      (AkHistoryWindow *self,
                                                GFile           *file);

G_END_DECLS
