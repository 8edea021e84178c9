/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "ak-account-store.h"
#include "ak-history.h"

G_BEGIN_DECLS

#define AK_TYPE_APPLICATION (ak_application_get_type ())

G_DECLARE_FINAL_TYPE (AkApplication, ak_application, AK, APPLICATION, AdwApplication)

AkApplication   *ak_application_new               (void);
AkAccountStore  *ak_application_get_account_store (AkApplication *self);
AkHistory       *ak_application_get_history       (AkApplication *self);

G_END_DECLS
