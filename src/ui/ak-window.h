/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "ak-account.h"
#include "ak-account-session.h"
#include "ak-application.h"
#include "ak-key.h"
#include "ak-provider.h"

G_BEGIN_DECLS

#define AK_TYPE_WINDOW (ak_window_get_type ())

G_DECLARE_FINAL_TYPE (AkWindow, ak_window, AK, WINDOW, AdwApplicationWindow)

AkWindow         *ak_window_new          (AkApplication *application);
AkAccountSession *ak_window_get_session  (AkWindow      *self);
AkAccount        *ak_window_get_account  (AkWindow      *self);
AkProvider       *ak_window_get_provider (AkWindow      *self);
void              ak_window_set_account  (AkWindow      *self,
                                          AkAccount     *account,
                                          AkProvider    *provider);
GListModel       *ak_window_get_keys     (AkWindow      *self);
void              ak_window_add_key      (AkWindow      *self,
                                          AkKey         *key);
void              ak_window_refresh      (AkWindow      *self);

G_END_DECLS
