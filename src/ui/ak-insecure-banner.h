/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "ak-account.h"

G_BEGIN_DECLS

#define AK_TYPE_INSECURE_BANNER (ak_insecure_banner_get_type ())

G_DECLARE_FINAL_TYPE (AkInsecureBanner, ak_insecure_banner, AK, INSECURE_BANNER, GtkWidget)

GtkWidget  *ak_insecure_banner_new          (void);
AkAccount  *ak_insecure_banner_get_account  (AkInsecureBanner *self);
void        ak_insecure_banner_set_account  (AkInsecureBanner *self,
                                             AkAccount        *account);
gboolean    ak_insecure_banner_get_revealed (AkInsecureBanner *self);
const char *ak_insecure_banner_get_title    (AkInsecureBanner *self);

G_END_DECLS
