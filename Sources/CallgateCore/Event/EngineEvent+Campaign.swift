extension EngineEvent.Types {
    /// A campaign's figures changed: an attempt began or ended, contacts were closed.
    public static let campaignProgress = "campaign.progress"
    /// A campaign changed state (started, paused, resumed, stopped, finished).
    public static let campaignState = "campaign.state"
}

extension EngineEvent {
    public static func campaignProgress(time: Double, campaign: String, state: CampaignState, figures: CampaignFigures) -> EngineEvent {
        var data = figures.json
        if case .object(var fields) = data {
            fields["campaign"] = .string(campaign)
            fields["state"] = .string(state.rawValue)
            data = .object(fields)
        }
        return EngineEvent(type: Types.campaignProgress, time: time, data: data)
    }

    /// - Parameter previous: the state the engine last saw; nil when it had not seen the campaign.
    public static func campaignState(time: Double, campaign: String, state: CampaignState, previous: CampaignState?) -> EngineEvent {
        EngineEvent(type: Types.campaignState, time: time, data: [
            "campaign": .string(campaign), "state": .string(state.rawValue),
            "previous": previous.map { .string($0.rawValue) } ?? .null,
        ])
    }
}
